<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy">
<context>
    <name>Lanyard::Shell::AppTile</name>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="20" />
        <source>Not started</source>
        <translation>Heb ddechrau</translation>
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="21" />
        <source>Starting…</source>
        <translation>Wrthi'n dechrau…</translation>
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="22" />
        <source>Running</source>
        <translation>Yn rhedeg</translation>
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="23" />
        <source>Signed in</source>
        <translation>Wedi mewngofnodi</translation>
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="24" />
        <source>Needs your username and password once</source>
        <translation>Angen eich enw defnyddiwr a'ch cyfrinair unwaith</translation>
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="25" />
        <source>Not available</source>
        <translation>Ddim ar gael</translation>
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="26" />
        <source>Did not start</source>
        <translation>Methodd ddechrau</translation>
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="37" />
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>Lanyard::Shell::CoverWindow</name>
    <message>
        <location filename="../../app/lock/coverwindow.cpp" line="15" />
        <source>Lanyard — locked</source>
        <translation>Lanyard — wedi'i gloi</translation>
    </message>
</context>
<context>
    <name>Lanyard::Shell::EnrolDialog</name>
    <message>
        <location filename="../../app/launcher/enroldialog.cpp" line="24" />
        <source>Sign in to %1 once</source>
        <translation>Mewngofnodi i %1 unwaith</translation>
    </message>
    <message>
        <location filename="../../app/launcher/enroldialog.cpp" line="26" />
        <source>%1 has its own username and password. Enter them once: Lanyard keeps them sealed to your smartcard and signs you in to %1 from now on.</source>
        <translation>Mae gan %1 ei enw defnyddiwr a'i gyfrinair ei hun. Rhowch nhw unwaith: mae Lanyard yn eu cadw wedi'u selio i'ch cerdyn clyfar ac yn eich mewngofnodi i %1 o hyn ymlaen.</translation>
    </message>
    <message>
        <location filename="../../app/launcher/enroldialog.cpp" line="33" />
        <source>Username for %1</source>
        <translation>Enw defnyddiwr ar gyfer %1</translation>
    </message>
    <message>
        <location filename="../../app/launcher/enroldialog.cpp" line="37" />
        <source>Password for %1</source>
        <translation>Cyfrinair ar gyfer %1</translation>
    </message>
    <message>
        <location filename="../../app/launcher/enroldialog.cpp" line="39" />
        <source>&amp;Username:</source>
        <translation>&amp;Enw defnyddiwr:</translation>
    </message>
    <message>
        <location filename="../../app/launcher/enroldialog.cpp" line="40" />
        <source>&amp;Password:</source>
        <translation>&amp;Cyfrinair:</translation>
    </message>
    <message>
        <location filename="../../app/launcher/enroldialog.cpp" line="47" />
        <source>Save and sign in</source>
        <translation>Cadw a mewngofnodi</translation>
    </message>
</context>
<context>
    <name>Lanyard::Shell::IdleNotice</name>
    <message>
        <location filename="../../app/idlenotice.cpp" line="20" />
        <source>Idle warning</source>
        <translation>Rhybudd segur</translation>
    </message>
    <message>
        <location filename="../../app/idlenotice.cpp" line="26" />
        <source>&amp;Stay signed in</source>
        <translation>&amp;Aros wedi mewngofnodi</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/idlenotice.cpp" line="63" />
        <source>You have not used this workstation for a while. Lanyard will lock it in %n second(s).</source>
        <translation><numerusform>Nid ydych wedi defnyddio'r weithfan hon ers tro. Bydd Lanyard yn ei chloi ymhen %n eiliad.</numerusform><numerusform>Nid ydych wedi defnyddio'r weithfan hon ers tro. Bydd Lanyard yn ei chloi ymhen %n eiliad.</numerusform><numerusform>Nid ydych wedi defnyddio'r weithfan hon ers tro. Bydd Lanyard yn ei chloi ymhen %n eiliad.</numerusform><numerusform>Nid ydych wedi defnyddio'r weithfan hon ers tro. Bydd Lanyard yn ei chloi ymhen %n eiliad.</numerusform><numerusform>Nid ydych wedi defnyddio'r weithfan hon ers tro. Bydd Lanyard yn ei chloi ymhen %n eiliad.</numerusform></translation>
    </message>
</context>
<context>
    <name>Lanyard::Shell::LauncherWindow</name>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="22" />
        <source>Lanyard — your applications</source>
        <translation>Lanyard — eich rhaglenni</translation>
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="39" />
        <source>&amp;Menu</source>
        <translation>&amp;Dewislen</translation>
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="40" />
        <source>User menu: lock, switch role, sign out</source>
        <translation>Dewislen defnyddiwr: cloi, newid rôl, allgofnodi</translation>
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="46" />
        <source>&amp;Find an application:</source>
        <translation>Dod o hyd i &amp;raglen:</translation>
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="49" />
        <source>Type part of its name</source>
        <translation>Teipiwch ran o'i henw</translation>
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="50" />
        <source>Find an application</source>
        <translation>Dod o hyd i raglen</translation>
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="139" />
        <source>No applications are set up on this workstation — call the IT service desk.</source>
        <translation>Nid oes rhaglenni wedi'u gosod ar y weithfan hon — ffoniwch y ddesg gwasanaeth TG.</translation>
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="141" />
        <source>No application matches "%1".</source>
        <translation>Nid oes rhaglen yn cyfateb i "%1".</translation>
    </message>
</context>
<context>
    <name>Lanyard::Shell::PasscodePage</name>
    <message>
        <location filename="../../app/lock/passcodepage.cpp" line="22" />
        <source>&amp;Passcode (6 to 8 digits)</source>
        <translation>&amp;Cod pas (6 i 8 digid)</translation>
    </message>
    <message>
        <location filename="../../app/lock/passcodepage.cpp" line="30" />
        <source>Smartcard passcode</source>
        <translation>Cod pas y cerdyn clyfar</translation>
    </message>
    <message>
        <location filename="../../app/lock/passcodepage.cpp" line="40" />
        <source>Passcode problem</source>
        <translation>Problem gyda'r cod pas</translation>
    </message>
    <message>
        <location filename="../../app/lock/passcodepage.cpp" line="43" />
        <source>Sign in</source>
        <translation>Mewngofnodi</translation>
    </message>
    <message>
        <location filename="../../app/lock/passcodepage.cpp" line="60" />
        <source>Enter your smartcard passcode.</source>
        <translation>Rhowch god pas eich cerdyn clyfar.</translation>
    </message>
    <message>
        <location filename="../../app/lock/passcodepage.cpp" line="61" />
        <source>%1, enter your passcode to unlock.</source>
        <translation>%1, rhowch eich cod pas i ddatgloi.</translation>
    </message>
    <message>
        <location filename="../../app/lock/passcodepage.cpp" line="62" />
        <source>%1, enter your passcode to sign in.</source>
        <translation>%1, rhowch eich cod pas i fewngofnodi.</translation>
    </message>
</context>
<context>
    <name>Lanyard::Shell::RolePage</name>
    <message>
        <location filename="../../app/lock/rolepage.cpp" line="19" />
        <source>Choose the &amp;role you are working in today:</source>
        <translation>Dewiswch y &amp;rôl rydych yn gweithio ynddi heddiw:</translation>
    </message>
    <message>
        <location filename="../../app/lock/rolepage.cpp" line="24" />
        <source>Your roles</source>
        <translation>Eich rolau</translation>
    </message>
    <message>
        <location filename="../../app/lock/rolepage.cpp" line="26" />
        <source>Continue</source>
        <translation>Parhau</translation>
    </message>
</context>
<context>
    <name>Lanyard::Shell::ShellController</name>
    <message>
        <location filename="../../app/shellcontroller.cpp" line="70" />
        <source>Reading your card…</source>
        <translation>Yn darllen eich cerdyn…</translation>
    </message>
    <message>
        <location filename="../../app/shellcontroller.cpp" line="78" />
        <source>Signing you in…</source>
        <translation>Yn eich mewngofnodi…</translation>
    </message>
    <message>
        <location filename="../../app/shellcontroller.cpp" line="101" />
        <source>This application is not available on this workstation.</source>
        <translation>Nid yw'r rhaglen hon ar gael ar y weithfan hon.</translation>
    </message>
</context>
<context>
    <name>Lanyard::Shell::SignInPanel</name>
    <message>
        <location filename="../../app/lock/signinpanel.cpp" line="33" />
        <source>Lanyard</source>
        <translation>Lanyard</translation>
    </message>
    <message>
        <location filename="../../app/lock/signinpanel.cpp" line="36" />
        <source>Workstation %1</source>
        <translation>Gweithfan %1</translation>
    </message>
    <message>
        <location filename="../../app/lock/signinpanel.cpp" line="46" />
        <source>What went wrong</source>
        <translation>Beth aeth o'i le</translation>
    </message>
    <message>
        <location filename="../../app/lock/signinpanel.cpp" line="77" />
        <source>This workstation is locked. Insert your smartcard to unlock it or to sign in.</source>
        <translation>Mae'r weithfan hon wedi'i chloi. Rhowch eich cerdyn clyfar i mewn i'w datgloi neu i fewngofnodi.</translation>
    </message>
    <message>
        <location filename="../../app/lock/signinpanel.cpp" line="79" />
        <source>Insert your smartcard</source>
        <translation>Rhowch eich cerdyn clyfar i mewn</translation>
    </message>
</context>
<context>
    <name>Lanyard::Shell::UserMenu</name>
    <message>
        <location filename="../../app/usermenu.cpp" line="13" />
        <source>User menu</source>
        <translation>Dewislen defnyddiwr</translation>
    </message>
    <message>
        <location filename="../../app/usermenu.cpp" line="19" />
        <source>&amp;Lock now</source>
        <translation>&amp;Cloi nawr</translation>
    </message>
    <message>
        <location filename="../../app/usermenu.cpp" line="23" />
        <source>S&amp;witch role…</source>
        <translation>&amp;Newid rôl…</translation>
    </message>
    <message>
        <location filename="../../app/usermenu.cpp" line="25" />
        <source>Sign &amp;out</source>
        <translation>&amp;Allgofnodi</translation>
    </message>
    <message>
        <location filename="../../app/usermenu.cpp" line="33" />
        <source>Nobody is signed in</source>
        <translation>Does neb wedi mewngofnodi</translation>
    </message>
    <message>
        <location filename="../../app/usermenu.cpp" line="34" />
        <source>Signed in as %1</source>
        <translation>Wedi mewngofnodi fel %1</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../../app/lock/rolepage.cpp" line="12" />
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
</context>
</TS>
