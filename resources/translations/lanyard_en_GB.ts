<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>Lanyard::Shell::AppTile</name>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="21" />
        <source>Not started</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="22" />
        <source>Starting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="23" />
        <source>Running</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="24" />
        <source>Signed in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="25" />
        <source>Needs your username and password once</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="26" />
        <source>Not available</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="27" />
        <source>Did not start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="38" />
        <source>%1, %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Lanyard::Shell::BannerSearch</name>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="33" />
        <source>Family name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="34" />
        <source>Given name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="35" />
        <source>Date of birth</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="36" />
        <source>Gender</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="37" />
        <source>Postcode</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="38" />
        <source>Similar names</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="39" />
        <source>Include similar names</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="40" />
        <source>Search</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="40" />
        <source>Search PDS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="44" />
        <source>Find a patient</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="48" />
        <source>DD/MM/YYYY</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="49" />
        <source>Any</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="50" />
        <source>Female</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="51" />
        <source>Male</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="52" />
        <source>Other</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="53" />
        <source>Not Known</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="56" />
        <source>Find a patient in PDS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="59" />
        <source>&amp;Family name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="60" />
        <source>G&amp;iven name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="61" />
        <source>&amp;Date of birth</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="62" />
        <source>G&amp;ender</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="63" />
        <source>&amp;Postcode</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="141" />
        <source>"%1" is not a date of birth Lanyard can read: type it as DD/MM/YYYY, for example 09/03/1984.</source>
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
    <name>Lanyard::Shell::DesktopLock</name>
    <message>
        <location filename="../../app/desktoplock.cpp" line="27" />
        <source>The desktop session could not be locked through logind: %1</source>
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
    <name>Lanyard::Shell::GlobalHotkey</name>
    <message>
        <location filename="../../app/globalhotkey.cpp" line="39" />
        <source>no lock hot-key is configured</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/globalhotkey.cpp" line="40" />
        <source>the lock hot-key needs X11</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/globalhotkey.cpp" line="48" />
        <source>the key %1 is not on this keyboard</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/globalhotkey.cpp" line="88" />
        <source>another program holds the lock hot-key</source>
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
        <location filename="../../app/launcher/launcherwindow.cpp" line="52" />
        <source>&amp;Find an application:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="55" />
        <source>Type part of its name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="56" />
        <source>Find an application</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="172" />
        <source>No applications are set up on this workstation — call the IT service desk.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="174" />
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
    <name>Lanyard::Shell::PatientBanner</name>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="71" />
        <location filename="../../app/banner/patientbanner.cpp" line="72" />
        <source>Patient banner</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="79" />
        <source>Banner status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="80" />
        <source>Lookup failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="82" />
        <source>Patient name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="83" />
        <location filename="../../app/banner/patientbanner.cpp" line="84" />
        <source>Deceased</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="85" />
        <source>Date of birth and age</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="86" />
        <source>Gender</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="87" />
        <location filename="../../app/banner/patientbanner.cpp" line="94" />
        <source>NHS number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="88" />
        <source>Date of death</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="89" />
        <source>Age at death</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="93" />
        <source>NHS number to look up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="100" />
        <source>Look up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="101" />
        <source>Look up the NHS number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="102" />
        <source>Search…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="103" />
        <source>Search for a patient by name, date of birth, gender and postcode</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="105" />
        <source>Clear patient</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="125" />
        <source>NHS number error</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="126" />
        <source>Restricted record: the address and contact details are withheld. Share nothing that could reveal where this patient lives.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="131" />
        <source>Restricted record</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="134" />
        <source>Replaced NHS number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="138" />
        <source>Application warning</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="139" />
        <source>Dismiss</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="139" />
        <source>Dismiss the warning</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="252" />
        <source>%1 did not follow this patient: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="321" />
        <source>NHS No. %1 has been replaced by NHS No. %2: this is the current record.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="347" />
        <source>Looking up…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="350" />
        <source>No patient selected</source>
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
        <location filename="../../app/lock/rolepage.cpp" line="30" />
        <source>Continue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/lock/rolepage.cpp" line="46" />
        <source>%1
%2 (%3)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Lanyard::Shell::RoleSwitchDialog</name>
    <message>
        <location filename="../../app/launcher/roleswitchdialog.cpp" line="16" />
        <source>Switch role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/launcher/roleswitchdialog.cpp" line="18" />
        <source>You are working as %1.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../app/launcher/roleswitchdialog.cpp" line="23" />
        <source>Your %n open application(s) will close and open again in the new role. Save your work in them first.</source>
        <translation><numerusform>Your %n open application will close and open again in the new role. Save your work in them first.</numerusform><numerusform>Your %n open applications will close and open again in the new role. Save your work in them first.</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/launcher/roleswitchdialog.cpp" line="26" />
        <source>Applications you open from now on use the new role.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Lanyard::Shell::SearchResults</name>
    <message>
        <location filename="../../app/banner/searchresults.cpp" line="16" />
        <source>Open patient</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/searchresults.cpp" line="21" />
        <source>Search result</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/searchresults.cpp" line="24" />
        <source>Patients found</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/searchresults.cpp" line="28" />
        <source>Open the selected patient</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/searchresults.cpp" line="48" />
        <source>Searching PDS…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/searchresults.cpp" line="55" />
        <source>No patients match this search. Check the details, or tick "Similar names" and search again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/searchresults.cpp" line="61" />
        <source>1 patient found. Choose it to open it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/banner/searchresults.cpp" line="62" />
        <source>%1 patients found. Choose one to open.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Lanyard::Shell::ShellController</name>
    <message>
        <location filename="../../app/shellcontroller.cpp" line="85" />
        <source>Lanyard: %1 is signed in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/shellcontroller.cpp" line="104" />
        <source>Reading your card…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/shellcontroller.cpp" line="112" />
        <source>Signing you in…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/shellcontroller.cpp" line="135" />
        <source>This application is not available on this workstation.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/shellcontroller.cpp" line="192" />
        <source>Switching role…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/shellcontroller.cpp" line="244" />
        <source>Your role was not changed: %1</source>
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
