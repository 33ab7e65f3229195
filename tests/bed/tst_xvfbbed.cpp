// Proves the bed's X server: a real window is mapped on Xvfb, the screen is captured the way GUI
// tests will capture theirs, and the capture shows the window.
#include "bedcontrol.h"

#include <QApplication>
#include <QLabel>
#include <QScreen>
#include <QTest>

using Lanyard::Tests::BedControl;

class TestXvfbBed : public QObject
{
    Q_OBJECT

private slots:
    void windowIsShownAndCaptured()
    {
        QCOMPARE(QGuiApplication::platformName(), QStringLiteral("xcb"));
        QLabel label(QStringLiteral("Lanyard test bed"));
        label.setStyleSheet(QStringLiteral("background: #005eb8; color: white; font-size: 32px"));
        label.setGeometry(100, 100, 400, 120);
        label.show();
        QVERIFY(QTest::qWaitForWindowExposed(&label));

        const QImage screen = label.screen()->grabWindow(0).toImage();
        QVERIFY(screen.save(BedControl::artefactPath(QStringLiteral("bed-xvfb.png"))));
        QCOMPARE(screen.size(), QSize(1920, 1080));
        // NHS blue where the window is, the X root's black elsewhere.
        const QPoint inside = label.mapToGlobal(QPoint(5, 5));
        QCOMPARE(QColor(screen.pixel(inside)).name(), QStringLiteral("#005eb8"));
        QVERIFY(QColor(screen.pixel(1900, 1060)).name() != QStringLiteral("#005eb8"));
    }
};

QTEST_MAIN(TestXvfbBed)
#include "tst_xvfbbed.moc"
