// A plugin built for a newer SDK than this one: its manifest says "api": 2. Its code must never
// run; the constructor leaves a mark in the environment so a test can tell if it did.
#include <lanyard/plugin/clinicalappplugin.h>

#include <QObject>

class Api2Plugin : public QObject, public Lanyard::Plugin::ClinicalAppPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID Lanyard_ClinicalAppPlugin_iid FILE "api2plugin.json")
    Q_INTERFACES(Lanyard::Plugin::ClinicalAppPlugin)

public:
    Api2Plugin() { qputenv("LANYARD_TEST_API2_CONSTRUCTED", "1"); }

    Lanyard::Result<void> initialize(const Lanyard::Plugin::PluginConfig &) override { return {}; }
    Lanyard::Result<Lanyard::Plugin::LaunchedApp>
    launch(const Lanyard::Plugin::LaunchRequest &) override
    {
        return Lanyard::Plugin::LaunchedApp{};
    }
    void sessionLocked() override {}
    void sessionEnded() override {}
};

#include "api2plugin.moc"
