/* The floor for a PDS lookup: GET {base}/Patient/{nhs} with PDS's headers, done as plainly as
 * possible, so bench_pds_lookup (Lanyard's PdsClient) has something to be compared with.
 *
 * ONE libcurl easy handle for the whole run, so one TLS connection carries every lookup (as
 * PdsClient's multi handle keeps its connection); TLS verified against the bed's CA bundle; per
 * lookup a fresh header list with the same headers Lanyard sends (Authorization: Bearer,
 * Accept: application/fhir+json, X-Request-ID and X-Correlation-ID as new version 4 UUIDs,
 * NHSD-Session-URID); the body read into memory and the status checked to be 200 (not parsed:
 * the floor does the least). Timed from just before curl_easy_perform to its return.
 *
 *   floor_pds [--cycles N] [--warmup N] [--interval-ms MS] [--number NHS] [--role ID]
 * The base and CA come from the bed's environment (BED_FHIR_BASE, BED_CA_BUNDLE), the access
 * token from PDS_BENCH_TOKEN (never the command line, where ps shows it). Prints a table and one
 * JSON line; exit 1 with the reason on stderr if a lookup fails.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

struct buffer
{
    char *data;
    size_t size;
};

static size_t on_body(char *data, size_t size, size_t count, void *userdata)
{
    struct buffer *b = userdata;
    size_t bytes = size * count;
    char *grown = realloc(b->data, b->size + bytes + 1);
    if (!grown)
        return 0;
    b->data = grown;
    memcpy(b->data + b->size, data, bytes);
    b->size += bytes;
    b->data[b->size] = '\0';
    return bytes;
}

static double now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec * 1e3 + (double)now.tv_nsec / 1e6;
}

static void sleep_ms(int ms)
{
    struct timespec wait = { ms / 1000, (long)(ms % 1000) * 1000000L };
    nanosleep(&wait, NULL);
}

/* A version 4 UUID, as QUuid::createUuid makes them. */
static void uuid(char out[37])
{
    unsigned char b[16];
    if (RAND_bytes(b, sizeof b) != 1) {
        fprintf(stderr, "floor_pds: RAND_bytes failed\n");
        exit(1);
    }
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
             b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
             b[14], b[15]);
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest rank on the sorted copy, as bench/signin does. */
static double percentile(const double *values, int n, double fraction)
{
    double *sorted = malloc((size_t)n * sizeof *sorted), result;
    if (!sorted) {
        fprintf(stderr, "floor_pds: out of memory\n");
        exit(1);
    }
    memcpy(sorted, values, (size_t)n * sizeof *sorted);
    qsort(sorted, (size_t)n, sizeof *sorted, compare_double);
    result = sorted[(int)(fraction * (n - 1) + 0.5)];
    free(sorted);
    return result;
}

static void append(struct curl_slist **list, const char *name, const char *value)
{
    char line[4096];
    struct curl_slist *grown;
    snprintf(line, sizeof line, "%s: %s", name, value);
    grown = curl_slist_append(*list, line);
    OPENSSL_cleanse(line, sizeof line);
    if (!grown) {
        fprintf(stderr, "floor_pds: out of memory\n");
        exit(1);
    }
    *list = grown;
}

int main(int argc, char **argv)
{
    int cycles = 50, warmup = 3, interval_ms = 250, i;
    const char *number = "9000000009", *role = "555000000101";
    const char *base = getenv("BED_FHIR_BASE"), *ca = getenv("BED_CA_BUNDLE");
    const char *token = getenv("PDS_BENCH_TOKEN");
    char url[2048], authorization[4096], request_id[37], correlation_id[37];
    struct buffer body = { NULL, 0 };
    double *samples;
    CURL *curl;

    for (i = 1; i < argc; ++i) {
        if (!strcmp(argv[i], "--cycles") && i + 1 < argc)
            cycles = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--warmup") && i + 1 < argc)
            warmup = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--interval-ms") && i + 1 < argc)
            interval_ms = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--number") && i + 1 < argc)
            number = argv[++i];
        else if (!strcmp(argv[i], "--role") && i + 1 < argc)
            role = argv[++i];
        else {
            fprintf(stderr,
                    "usage: floor_pds [--cycles N] [--warmup N] [--interval-ms MS] "
                    "[--number NHS] [--role ID]\n");
            return 2;
        }
    }
    if (!base || !ca || !token || !*token || cycles < 1 || warmup < 0 || interval_ms < 0) {
        fprintf(stderr,
                "floor_pds: needs BED_FHIR_BASE, BED_CA_BUNDLE and PDS_BENCH_TOKEN, and "
                "cycles >= 1\n");
        return 2;
    }
    snprintf(url, sizeof url, "%s/Patient/%s", base, number);
    snprintf(authorization, sizeof authorization, "Bearer %s", token);
    samples = calloc((size_t)cycles, sizeof *samples);

    curl_global_init(CURL_GLOBAL_DEFAULT);
    curl = curl_easy_init();
    if (!samples || !curl) {
        fprintf(stderr, "floor_pds: out of memory\n");
        return 1;
    }
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(curl, CURLOPT_CAINFO, ca);
    curl_easy_setopt(curl, CURLOPT_CAPATH, NULL);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);

    for (i = 0; i < warmup + cycles; ++i) {
        struct curl_slist *headers = NULL, *item;
        long status = 0;
        double started, ms;
        CURLcode code;
        if (i > 0 && interval_ms > 0)
            sleep_ms(interval_ms);
        uuid(request_id);
        uuid(correlation_id);
        body.size = 0;
        started = now_ms();
        append(&headers, "Authorization", authorization);
        append(&headers, "Accept", "application/fhir+json");
        append(&headers, "X-Request-ID", request_id);
        append(&headers, "X-Correlation-ID", correlation_id);
        append(&headers, "NHSD-Session-URID", role);
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        code = curl_easy_perform(curl);
        ms = now_ms() - started;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL);
        for (item = headers; item; item = item->next)
            OPENSSL_cleanse(item->data, strlen(item->data));
        curl_slist_free_all(headers);
        if (code != CURLE_OK || status != 200) {
            fprintf(stderr, "floor_pds: lookup %d failed: %s, HTTP %ld: %.300s\n", i,
                    curl_easy_strerror(code), status, body.data ? body.data : "");
            return 1;
        }
        if (i >= warmup)
            samples[i - warmup] = ms;
    }
    OPENSSL_cleanse(authorization, sizeof authorization);
    curl_easy_cleanup(curl);
    curl_global_cleanup();

    printf("floor_pds: GET Patient/%s, one libcurl easy handle, %d cycles (+%d warm-up), %d ms "
           "apart\n",
           number, cycles, warmup, interval_ms);
    printf("%-32s %9s %9s %9s\n", "ms", "median", "p90", "min");
    printf("%-32s %9.2f %9.2f %9.2f\n", "lookup", percentile(samples, cycles, 0.5),
           percentile(samples, cycles, 0.9), percentile(samples, cycles, 0.0));
    printf("{\"name\":\"floor_pds\",\"cycles\":%d,\"median_ms\":%.3f,\"p90_ms\":%.3f,\"min_ms\":%."
           "3f}\n",
           cycles, percentile(samples, cycles, 0.5), percentile(samples, cycles, 0.9),
           percentile(samples, cycles, 0.0));
    free(samples);
    free(body.data);
    return 0;
}
