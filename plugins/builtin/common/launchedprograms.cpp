#include "launchedprograms.h"

namespace Lanyard::Plugin::Templates {

void LaunchedPrograms::endAll(std::chrono::milliseconds grace)
{
    // All are asked at once, then each gets what is left of the grace period.
    for (const QPointer<QProcess> &program : m_programs) {
        if (program && program->state() != QProcess::NotRunning)
            program->terminate();
    }
    for (const QPointer<QProcess> &program : m_programs) {
        if (program && program->state() != QProcess::NotRunning
            && !program->waitForFinished(int(grace.count())))
            program->kill();
    }
    m_programs.clear();
}

} // namespace Lanyard::Plugin::Templates
