// The programs a built-in plugin started, ended together at session end or shutdown: each asked
// to quit (SIGTERM), and killed if it has not within the grace period.
#pragma once

#include <QPointer>
#include <QProcess>

#include <chrono>
#include <vector>

namespace Lanyard::Plugin::Templates {

class LaunchedPrograms
{
public:
    void add(QProcess *program) { m_programs.emplace_back(program); }
    const std::vector<QPointer<QProcess>> &programs() const { return m_programs; }
    void endAll(std::chrono::milliseconds grace);

private:
    std::vector<QPointer<QProcess>> m_programs;
};

} // namespace Lanyard::Plugin::Templates
