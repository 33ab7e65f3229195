// A libcurl that cannot be loaded (a workstation without the libcurl4 package): every call fails
// as libcurl reports failures, nothing crashes, and the message says what to install. Its own
// process: the load is tried once per process.
#include <lazycurl.h>

#include <QTest>

#include <curl/curl.h>

class TestLazyCurlMissing : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Lanyard::Curl::setLibraryForTesting("libcurl-not-installed.so.4"); }

    void everyCallFailsAndSaysWhy()
    {
        QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral(
            "^libcurl could not be loaded \\(.*libcurl-not-installed\\.so\\.4.*\\): install the libcurl4 package")));
        QCOMPARE(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_FAILED_INIT);
        QString why;
        QVERIFY(!Lanyard::Curl::load(&why));
        QVERIFY2(why.contains(QStringLiteral("libcurl-not-installed.so.4")), qPrintable(why));

        CURL *curl = curl_easy_init();
        QVERIFY(!curl);
        QCOMPARE(curl_easy_setopt(curl, CURLOPT_URL, "https://example.invalid/"), CURLE_FAILED_INIT);
        QCOMPARE(curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(1)), CURLE_FAILED_INIT);
        QCOMPARE(curl_easy_perform(curl), CURLE_FAILED_INIT);
        long status = 0;
        QCOMPARE(curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status), CURLE_FAILED_INIT);
        QCOMPARE(status, 0L);
        curl_easy_cleanup(curl);
        QVERIFY(!curl_slist_append(nullptr, "Accept: text/plain"));
        curl_slist_free_all(nullptr);

        // What Lanyard's messages quote (the transports put curl_easy_strerror in theirs).
        const QByteArray said(curl_easy_strerror(CURLE_FAILED_INIT));
        QVERIFY2(said.contains("install the libcurl4 package"), said.constData());
        QCOMPARE(QByteArray(curl_multi_strerror(CURLM_INTERNAL_ERROR)), said);

        CURLM *multi = curl_multi_init();
        QVERIFY(!multi);
        QCOMPARE(curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, 3L), CURLM_INTERNAL_ERROR);
        QCOMPARE(curl_multi_add_handle(multi, curl), CURLM_INTERNAL_ERROR);
        int running = 0;
        QCOMPARE(curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running), CURLM_INTERNAL_ERROR);
        int queued = 0;
        QVERIFY(!curl_multi_info_read(multi, &queued));
        QCOMPARE(curl_multi_remove_handle(multi, curl), CURLM_INTERNAL_ERROR);
        QCOMPARE(curl_multi_cleanup(multi), CURLM_INTERNAL_ERROR);
    }
};

QTEST_GUILESS_MAIN(TestLazyCurlMissing)
#include "tst_lazycurlmissing.moc"
