<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy">
<context>
    <name>Lanyard::Shell::AppTile</name>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="21" />
        <source>Not started</source>
        <translation>Heb ddechrau</translation>
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="22" />
        <source>Starting…</source>
        <translation>Wrthi'n dechrau…</translation>
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="23" />
        <source>Running</source>
        <translation>Yn rhedeg</translation>
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="24" />
        <source>Signed in</source>
        <translation>Wedi mewngofnodi</translation>
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="25" />
        <source>Needs your username and password once</source>
        <translation>Angen eich enw defnyddiwr a'ch cyfrinair unwaith</translation>
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="26" />
        <source>Not available</source>
        <translation>Ddim ar gael</translation>
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="27" />
        <source>Did not start</source>
        <translation>Methodd ddechrau</translation>
    </message>
    <message>
        <location filename="../../app/launcher/apptile.cpp" line="38" />
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>Lanyard::Shell::BannerSearch</name>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="33" />
        <source>Family name</source>
        <translation>Cyfenw</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="34" />
        <source>Given name</source>
        <translation>Enw cyntaf</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="35" />
        <source>Date of birth</source>
        <translation>Dyddiad geni</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="36" />
        <source>Gender</source>
        <translation>Rhywedd</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="37" />
        <source>Postcode</source>
        <translation>Cod post</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="38" />
        <source>Similar names</source>
        <translation>Enwau tebyg</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="39" />
        <source>Include similar names</source>
        <translation>Cynnwys enwau tebyg</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="40" />
        <source>Search</source>
        <translation>Chwilio</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="40" />
        <source>Search PDS</source>
        <translation>Chwilio PDS</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="44" />
        <source>Find a patient</source>
        <translation>Dod o hyd i glaf</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="48" />
        <source>DD/MM/YYYY</source>
        <translation>DD/MM/BBBB</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="49" />
        <source>Any</source>
        <translation>Unrhyw</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="50" />
        <source>Female</source>
        <translation>Benyw</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="51" />
        <source>Male</source>
        <translation>Gwryw</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="52" />
        <source>Other</source>
        <translation>Arall</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="53" />
        <source>Not Known</source>
        <translation>Anhysbys</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="56" />
        <source>Find a patient in PDS</source>
        <translation>Dod o hyd i glaf yn PDS</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="59" />
        <source>&amp;Family name</source>
        <translation>&amp;Cyfenw</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="60" />
        <source>G&amp;iven name</source>
        <translation>&amp;Enw cyntaf</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="61" />
        <source>&amp;Date of birth</source>
        <translation>&amp;Dyddiad geni</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="62" />
        <source>G&amp;ender</source>
        <translation>&amp;Rhywedd</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="63" />
        <source>&amp;Postcode</source>
        <translation>Cod &amp;post</translation>
    </message>
    <message>
        <location filename="../../app/banner/bannersearch.cpp" line="141" />
        <source>"%1" is not a date of birth Lanyard can read: type it as DD/MM/YYYY, for example 09/03/1984.</source>
        <translation>Nid yw "%1" yn ddyddiad geni y gall Lanyard ei ddarllen: teipiwch ef fel DD/MM/BBBB, er enghraifft 09/03/1984.</translation>
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
    <name>Lanyard::Shell::DesktopLock</name>
    <message>
        <location filename="../../app/desktoplock.cpp" line="27" />
        <source>The desktop session could not be locked through logind: %1</source>
        <translation>Ni ellid cloi sesiwn y bwrdd gwaith drwy logind: %1</translation>
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
    <name>Lanyard::Shell::GlobalHotkey</name>
    <message>
        <location filename="../../app/globalhotkey.cpp" line="39" />
        <source>no lock hot-key is configured</source>
        <translation>nid oes bysell gloi wedi’i gosod</translation>
    </message>
    <message>
        <location filename="../../app/globalhotkey.cpp" line="40" />
        <source>the lock hot-key needs X11</source>
        <translation>mae angen X11 ar y fysell gloi</translation>
    </message>
    <message>
        <location filename="../../app/globalhotkey.cpp" line="48" />
        <source>the key %1 is not on this keyboard</source>
        <translation>nid yw’r fysell %1 ar y bysellfwrdd hwn</translation>
    </message>
    <message>
        <location filename="../../app/globalhotkey.cpp" line="88" />
        <source>another program holds the lock hot-key</source>
        <translation>mae rhaglen arall yn dal y fysell gloi</translation>
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
        <location filename="../../app/launcher/launcherwindow.cpp" line="52" />
        <source>&amp;Find an application:</source>
        <translation>Dod o hyd i &amp;raglen:</translation>
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="55" />
        <source>Type part of its name</source>
        <translation>Teipiwch ran o'i henw</translation>
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="56" />
        <source>Find an application</source>
        <translation>Dod o hyd i raglen</translation>
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="172" />
        <source>No applications are set up on this workstation — call the IT service desk.</source>
        <translation>Nid oes rhaglenni wedi'u gosod ar y weithfan hon — ffoniwch y ddesg gwasanaeth TG.</translation>
    </message>
    <message>
        <location filename="../../app/launcher/launcherwindow.cpp" line="174" />
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
    <name>Lanyard::Shell::PatientBanner</name>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="71" />
        <location filename="../../app/banner/patientbanner.cpp" line="72" />
        <source>Patient banner</source>
        <translation>Baner y claf</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="79" />
        <source>Banner status</source>
        <translation>Statws y faner</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="80" />
        <source>Lookup failed</source>
        <translation>Methodd y chwilio</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="82" />
        <source>Patient name</source>
        <translation>Enw’r claf</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="83" />
        <location filename="../../app/banner/patientbanner.cpp" line="84" />
        <source>Deceased</source>
        <translation>Wedi marw</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="85" />
        <source>Date of birth and age</source>
        <translation>Dyddiad geni ac oed</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="86" />
        <source>Gender</source>
        <translation>Rhywedd</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="87" />
        <location filename="../../app/banner/patientbanner.cpp" line="94" />
        <source>NHS number</source>
        <translation>Rhif GIG</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="88" />
        <source>Date of death</source>
        <translation>Dyddiad marw</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="89" />
        <source>Age at death</source>
        <translation>Oed adeg marw</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="93" />
        <source>NHS number to look up</source>
        <translation>Rhif GIG i chwilio amdano</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="100" />
        <source>Look up</source>
        <translation>Chwilio</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="101" />
        <source>Look up the NHS number</source>
        <translation>Chwilio am y rhif GIG</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="102" />
        <source>Search…</source>
        <translation>Chwilio…</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="103" />
        <source>Search for a patient by name, date of birth, gender and postcode</source>
        <translation>Chwilio am glaf yn ôl enw, dyddiad geni, rhywedd a chod post</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="105" />
        <source>Clear patient</source>
        <translation>Clirio’r claf</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="125" />
        <source>NHS number error</source>
        <translation>Gwall yn y rhif GIG</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="126" />
        <source>Restricted record: the address and contact details are withheld. Share nothing that could reveal where this patient lives.</source>
        <translation>Cofnod cyfyngedig: mae’r cyfeiriad a’r manylion cyswllt wedi’u dal yn ôl. Peidiwch â rhannu dim a allai ddatgelu ble mae’r claf hwn yn byw.</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="131" />
        <source>Restricted record</source>
        <translation>Cofnod cyfyngedig</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="134" />
        <source>Replaced NHS number</source>
        <translation>Rhif GIG wedi’i ddisodli</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="138" />
        <source>Application warning</source>
        <translation>Rhybudd rhaglen</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="139" />
        <source>Dismiss</source>
        <translation>Diystyru</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="139" />
        <source>Dismiss the warning</source>
        <translation>Diystyru’r rhybudd</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="252" />
        <source>%1 did not follow this patient: %2</source>
        <translation>Ni ddilynodd %1 y claf hwn: %2</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="321" />
        <source>NHS No. %1 has been replaced by NHS No. %2: this is the current record.</source>
        <translation>Mae Rhif GIG %2 wedi disodli Rhif GIG %1: dyma’r cofnod cyfredol.</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="347" />
        <source>Looking up…</source>
        <translation>Yn chwilio…</translation>
    </message>
    <message>
        <location filename="../../app/banner/patientbanner.cpp" line="350" />
        <source>No patient selected</source>
        <translation>Dim claf wedi’i ddewis</translation>
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
        <location filename="../../app/lock/rolepage.cpp" line="30" />
        <source>Continue</source>
        <translation>Parhau</translation>
    </message>
    <message>
        <location filename="../../app/lock/rolepage.cpp" line="46" />
        <source>%1
%2 (%3)</source>
        <translation>%1
%2 (%3)</translation>
    </message>
</context>
<context>
    <name>Lanyard::Shell::RoleSwitchDialog</name>
    <message>
        <location filename="../../app/launcher/roleswitchdialog.cpp" line="16" />
        <source>Switch role</source>
        <translation>Newid rôl</translation>
    </message>
    <message>
        <location filename="../../app/launcher/roleswitchdialog.cpp" line="18" />
        <source>You are working as %1.</source>
        <translation>Rydych yn gweithio fel %1.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/launcher/roleswitchdialog.cpp" line="23" />
        <source>Your %n open application(s) will close and open again in the new role. Save your work in them first.</source>
        <translation><numerusform>Bydd eich %n rhaglen agored yn cau ac yn agor eto yn y rôl newydd. Cadwch eich gwaith ynddynt yn gyntaf.</numerusform><numerusform>Bydd eich %n rhaglen agored yn cau ac yn agor eto yn y rôl newydd. Cadwch eich gwaith ynddynt yn gyntaf.</numerusform><numerusform>Bydd eich %n rhaglen agored yn cau ac yn agor eto yn y rôl newydd. Cadwch eich gwaith ynddynt yn gyntaf.</numerusform><numerusform>Bydd eich %n rhaglen agored yn cau ac yn agor eto yn y rôl newydd. Cadwch eich gwaith ynddynt yn gyntaf.</numerusform><numerusform>Bydd eich %n rhaglen agored yn cau ac yn agor eto yn y rôl newydd. Cadwch eich gwaith ynddynt yn gyntaf.</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/launcher/roleswitchdialog.cpp" line="26" />
        <source>Applications you open from now on use the new role.</source>
        <translation>Bydd y rhaglenni a agorwch o hyn ymlaen yn defnyddio’r rôl newydd.</translation>
    </message>
</context>
<context>
    <name>Lanyard::Shell::SearchResults</name>
    <message>
        <location filename="../../app/banner/searchresults.cpp" line="16" />
        <source>Open patient</source>
        <translation>Agor y claf</translation>
    </message>
    <message>
        <location filename="../../app/banner/searchresults.cpp" line="21" />
        <source>Search result</source>
        <translation>Canlyniad chwilio</translation>
    </message>
    <message>
        <location filename="../../app/banner/searchresults.cpp" line="24" />
        <source>Patients found</source>
        <translation>Cleifion a ganfuwyd</translation>
    </message>
    <message>
        <location filename="../../app/banner/searchresults.cpp" line="28" />
        <source>Open the selected patient</source>
        <translation>Agor y claf a ddewiswyd</translation>
    </message>
    <message>
        <location filename="../../app/banner/searchresults.cpp" line="48" />
        <source>Searching PDS…</source>
        <translation>Yn chwilio PDS…</translation>
    </message>
    <message>
        <location filename="../../app/banner/searchresults.cpp" line="55" />
        <source>No patients match this search. Check the details, or tick "Similar names" and search again.</source>
        <translation>Does dim cleifion yn cyfateb i’r chwiliad hwn. Gwiriwch y manylion, neu ticiwch "Enwau tebyg" a chwilio eto.</translation>
    </message>
    <message>
        <location filename="../../app/banner/searchresults.cpp" line="61" />
        <source>1 patient found. Choose it to open it.</source>
        <translation>Canfuwyd 1 claf. Dewiswch ef i’w agor.</translation>
    </message>
    <message>
        <location filename="../../app/banner/searchresults.cpp" line="62" />
        <source>%1 patients found. Choose one to open.</source>
        <translation>Canfuwyd %1 claf. Dewiswch un i’w agor.</translation>
    </message>
</context>
<context>
    <name>Lanyard::Shell::ShellController</name>
    <message>
        <location filename="../../app/shellcontroller.cpp" line="85" />
        <source>Lanyard: %1 is signed in</source>
        <translation>Lanyard: mae %1 wedi mewngofnodi</translation>
    </message>
    <message>
        <location filename="../../app/shellcontroller.cpp" line="104" />
        <source>Reading your card…</source>
        <translation>Yn darllen eich cerdyn…</translation>
    </message>
    <message>
        <location filename="../../app/shellcontroller.cpp" line="112" />
        <source>Signing you in…</source>
        <translation>Yn eich mewngofnodi…</translation>
    </message>
    <message>
        <location filename="../../app/shellcontroller.cpp" line="135" />
        <source>This application is not available on this workstation.</source>
        <translation>Nid yw'r rhaglen hon ar gael ar y weithfan hon.</translation>
    </message>
    <message>
        <location filename="../../app/shellcontroller.cpp" line="192" />
        <source>Switching role…</source>
        <translation>Yn newid rôl…</translation>
    </message>
    <message>
        <location filename="../../app/shellcontroller.cpp" line="244" />
        <source>Your role was not changed: %1</source>
        <translation>Ni newidiwyd eich rôl: %1</translation>
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
