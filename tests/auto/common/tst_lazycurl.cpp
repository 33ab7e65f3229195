// libcurl through Lanyard::Curl: not in the process until the first call, then every kind of
// argument (long, pointer, function, curl_off_t, blob; getinfo's answers) reaches libcurl as it
// was given. file:// URLs let libcurl do real transfers without a server.
#include <lazycurl.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <curl/curl.h>

namespace {

bool libcurlMapped()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains("/libcurl.so");
}

size_t collect(char *data, size_t size, size_t count, void *into)
{
    static_cast<QByteArray *>(into)->append(data, qsizetype(size * count));
    return size * count;
}

} // namespace

class TestLazyCurl : public QObject
{
    Q_OBJECT

    QTemporaryDir m_scratch;
    QByteArray m_url;

private slots:
    void initTestCase()
    {
        QFile file(m_scratch.filePath(QStringLiteral("hundred.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("0123456789").repeated(10));
        file.close();
        m_url = "file://" + file.fileName().toUtf8();
    }

    void loadedOnFirstUseOnly()
    {
        QVERIFY2(!libcurlMapped(), "libcurl was loaded before anything called it");
        CURL *curl = curl_easy_init();
        QVERIFY(curl);
        QVERIFY(libcurlMapped());
        curl_easy_cleanup(curl);
        QString why;
        QVERIFY(Lanyard::Curl::load(&why));
        QVERIFY(why.isEmpty());
    }

    void everyKindOfArgumentReachesLibcurl()
    {
        CURL *curl = curl_easy_init();
        QVERIFY(curl);
        QByteArray body;
        QCOMPARE(curl_easy_setopt(curl, CURLOPT_URL, m_url.constData()), CURLE_OK);        // pointer
        QCOMPARE(curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &collect), CURLE_OK);        // function
        QCOMPARE(curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body), CURLE_OK);
        QCOMPARE(curl_easy_setopt(curl, CURLOPT_RESUME_FROM, 90L), CURLE_OK);               // long
        QCOMPARE(curl_easy_perform(curl), CURLE_OK);
        QCOMPARE(body, QByteArray("0123456789")); // the last ten bytes: the long arrived

        curl_off_t size = 0;
        QCOMPARE(curl_easy_getinfo(curl, CURLINFO_SIZE_DOWNLOAD_T, &size), CURLE_OK);
        QCOMPARE(size, curl_off_t(10));
        char *effective = nullptr;
        QCOMPARE(curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective), CURLE_OK);
        QCOMPARE(QByteArray(effective), m_url);

        // curl_off_t: where to resume, as the large option.
        body.clear();
        QCOMPARE(curl_easy_setopt(curl, CURLOPT_RESUME_FROM_LARGE, curl_off_t(95)), CURLE_OK);
        QCOMPARE(curl_easy_perform(curl), CURLE_OK);
        QCOMPARE(body, QByteArray("56789"));

        // A blob (struct curl_blob *): libcurl copies it and says OK.
        QByteArray pem("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        curl_blob blob{pem.data(), size_t(pem.size()), CURL_BLOB_COPY};
        QCOMPARE(curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob), CURLE_OK);
        // An option libcurl does not know is refused by libcurl itself.
        QCOMPARE(curl_easy_setopt(curl, CURLoption(9999), 1L), CURLE_UNKNOWN_OPTION);
        curl_easy_cleanup(curl);

        QCOMPARE(QByteArray(curl_easy_strerror(CURLE_FILESIZE_EXCEEDED)),
                 QByteArray("Maximum file size exceeded")); // libcurl's own words
        curl_slist *list = curl_slist_append(nullptr, "Accept: text/plain");
        QVERIFY(list);
        QCOMPARE(QByteArray(list->data), QByteArray("Accept: text/plain"));
        curl_slist_free_all(list);
    }

    void theMultiInterfaceToo()
    {
        CURLM *multi = curl_multi_init();
        QVERIFY(multi);
        QCOMPARE(curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, 3L), CURLM_OK);
        CURL *curl = curl_easy_init();
        QByteArray body;
        curl_easy_setopt(curl, CURLOPT_URL, m_url.constData());
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &collect);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
        QCOMPARE(curl_multi_add_handle(multi, curl), CURLM_OK);
        int running = 1;
        CURLMsg *done = nullptr;
        int queued = 0;
        for (int round = 0; round < 1000 && !done; ++round) {
            QCOMPARE(curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running), CURLM_OK);
            done = curl_multi_info_read(multi, &queued);
        }
        QVERIFY(done);
        QCOMPARE(done->msg, CURLMSG_DONE);
        QCOMPARE(done->data.result, CURLE_OK);
        QCOMPARE(body.size(), 100);
        QCOMPARE(curl_multi_remove_handle(multi, curl), CURLM_OK);
        curl_easy_cleanup(curl);
        QCOMPARE(QByteArray(curl_multi_strerror(CURLM_BAD_HANDLE)), QByteArray("Invalid multi handle"));
        QCOMPARE(curl_multi_cleanup(multi), CURLM_OK);
    }
};

QTEST_GUILESS_MAIN(TestLazyCurl)
#include "tst_lazycurl.moc"
