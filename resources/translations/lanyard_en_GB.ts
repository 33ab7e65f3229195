<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>Lanyard::Shell::AppTile</name>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="20" />
        <source>Not started</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="21" />
        <source>Starting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="22" />
        <source>Running</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="23" />
        <source>Signed in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="24" />
        <source>Needs your username and password once</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="25" />
        <source>Not available</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="26" />
        <source>Did not start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="37" />
        <source>%1, %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Lanyard::Shell::CoverWindow</name>
    <message>
        <location filename="../../app/lock/coverwindow.cpp" line="15" />
        <source>Lanyard — locked</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Lanyard::Shell::EnrolDialog</name>
    <message>
        <location filename="../../app/launcher/enroldialog.cpp" line="24" />
        <source>Sign in to %1 once</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/enroldialog.cpp" line="26" />
        <source>%1 has its own username and password. Enter them once: Lanyard keeps them sealed to your smartcard and signs you in to %1 from now on.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/enroldialog.cpp" line="33" />
        <source>Username for %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/enroldialog.cpp" line="37" />
        <source>Password for %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/enroldialog.cpp" line="39" />
        <source>&amp;Username:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/enroldialog.cpp" line="40" />
        <source>&amp;Password:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/enroldialog.cpp" line="47" />
        <source>Save and sign in</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Lanyard::Shell::IdleNotice</name>
    <message>
        <location filename="../../app/idlenotice.cpp" line="20" />
        <source>Idle warning</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/idlenotice.cpp" line="26" />
        <source>&amp;Stay signed in</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../app/idlenotice.cpp" line="63" />
        <source>You have not used this workstation for a while. Lanyard will lock it in %n second(s).</source>
        <translation><numerusform>You have not used this workstation for a while. Lanyard will lock it in %n second.</numerusform><numerusform>You have not used this workstation for a while. Lanyard will lock it in %n seconds.</numerusform></translation>
    </message>
</context>
<context>
    <name>Lanyard::Shell::LauncherWindow</name>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="22" />
        <source>Lanyard — your applications</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="39" />
        <source>&amp;Menu</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="40" />
        <source>User menu: lock, switch role, sign out</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="46" />
        <source>&amp;Find an application:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="49" />
        <source>Type part of its name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="50" />
        <source>Find an application</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="139" />
        <source>No applications are set up on this workstation — call the IT service desk.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="141" />
        <source>No application matches "%1".</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Lanyard::Shell::PasscodePage</name>
    <message>
        <location filename="../../app/lock/passcodepage.cpp" line="22" />
        <source>&amp;Passcode (6 to 8 digits)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/lock/passcodepage.cpp" line="30" />
        <source>Smartcard passcode</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/lock/passcodepage.cpp" line="40" />
        <source>Passcode problem</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/lock/passcodepage.cpp" line="43" />
        <source>Sign in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/lock/passcodepage.cpp" line="60" />
        <source>Enter your smartcard passcode.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/lock/passcodepage.cpp" line="61" />
        <source>%1, enter your passcode to unlock.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/lock/passcodepage.cpp" line="62" />
        <source>%1, enter your passcode to sign in.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Lanyard::Shell::RolePage</name>
    <message>
        <location filename="../../app/lock/rolepage.cpp" line="19" />
        <source>Choose the &amp;role you are working in today:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/lock/rolepage.cpp" line="24" />
        <source>Your roles</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/lock/rolepage.cpp" line="26" />
        <source>Continue</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Lanyard::Shell::ShellController</name>
    <message>
        <location filename="../../app/shellcontroller.cpp" line="70" />
        <source>Reading your card…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/shellcontroller.cpp" line="78" />
        <source>Signing you in…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/shellcontroller.cpp" line="101" />
        <source>This application is not available on this workstation.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Lanyard::Shell::SignInPanel</name>
    <message>
        <location filename="../../app/lock/signinpanel.cpp" line="33" />
        <source>Lanyard</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/lock/signinpanel.cpp" line="36" />
        <source>Workstation %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/lock/signinpanel.cpp" line="46" />
        <source>What went wrong</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/lock/signinpanel.cpp" line="77" />
        <source>This workstation is locked. Insert your smartcard to unlock it or to sign in.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/lock/signinpanel.cpp" line="79" />
        <source>Insert your smartcard</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Lanyard::Shell::UserMenu</name>
    <message>
        <location filename="../../app/usermenu.cpp" line="13" />
        <source>User menu</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/usermenu.cpp" line="19" />
        <source>&amp;Lock now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/usermenu.cpp" line="23" />
        <source>S&amp;witch role…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/usermenu.cpp" line="25" />
        <source>Sign &amp;out</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/usermenu.cpp" line="33" />
        <source>Nobody is signed in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/usermenu.cpp" line="34" />
        <source>Signed in as %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../../app/lock/rolepage.cpp" line="12" />
        <source>%1 — %2 (%3)</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>
