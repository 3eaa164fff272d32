/* The small validators that stand between form fields or uploads and what
 * is stored or rendered: receipt_type (src/domain/claim.c, sniffs uploaded
 * receipts), validate_website (src/domain/org.c, the value goes into an
 * href), validate_email (src/domain/user.c), parse_ymd and parse_hm
 * (src/view/format.c), parse_count_range and meeting_times_ok
 * (src/domain/meeting.c).
 *
 * Input: byte 0 picks the function, the rest is the value (raw bytes for
 * receipt_type on an exact-size copy, a C string for the others).  Checks:
 *   receipt_type      returns NULL or one of the three types, and only when
 *                     the file starts with that type's signature
 *   validate_website  an accepted URL starts with http:// or https:// and a
 *                     host, and holds no byte that could leave a quoted
 *                     attribute or hide in it (space, controls, " < > \ `)
 *   validate_email    an accepted address has one '@' with text on both
 *                     sides, no whitespace, controls or <>"(),;[]\, at most
 *                     EMAIL_MAX bytes
 *   parse_ymd/hm      accepted values print back to the same text and are
 *                     real dates (1900-2200) and times
 *   parse_count_range accepted ranges have 0 <= min <= max <= COUNT_MAX or
 *                     are {-1, -1} for blank text
 *   meeting_times_ok  accepted pairs are HH:MM times with end after start */
#include "fuzz_common.h"
#include "domain/claim.h"
#include "domain/meeting.h"
#include "domain/org.h"
#include "domain/user.h"
#include "view/format.h"
#include "view/i18n.h"

/* format.c's date formatting looks up month names; parse_ymd and parse_hm
 * do not, so a stub keeps the locale files out of this harness. */
const char *i18n_get(enum lang lang, const char *key)
{
    (void)lang;
    return key;
}

static bool real_date(int y, int m, int d)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    unsigned which = data[0] % 7;
    data++;
    size--;
    char *raw = fuzz_copy(data, size);
    char *s = fuzz_cstr(data, size);
    size_t sn = strlen(s);

    switch (which) {
    case 0: {
        const char *t = receipt_type((const unsigned char *)raw, size);
        if (!t) break;
        if (strcmp(t, "application/pdf") == 0)
            FUZZ_CHECK(size >= 5 && memcmp(raw, "%PDF-", 5) == 0 && memmem(raw, size, "%%EOF", 5),
                       "PDF without its signature");
        else if (strcmp(t, "image/jpeg") == 0)
            FUZZ_CHECK(size >= 4 && memcmp(raw, "\xFF\xD8\xFF", 3) == 0, "JPEG without its signature");
        else if (strcmp(t, "image/png") == 0)
            FUZZ_CHECK(size >= 33 && memcmp(raw, "\x89PNG\r\n\x1a\n", 8) == 0, "PNG without its signature");
        else
            FUZZ_CHECK(0, "receipt_type returned \"%s\"", t);
        break;
    }
    case 1:
        if (*s && validate_website(s) == NULL) {
            size_t skip = strncmp(s, "https://", 8) == 0 ? 8 : strncmp(s, "http://", 7) == 0 ? 7 : 0;
            FUZZ_CHECK(skip && s[skip] && s[skip] != '/', "website \"%s\" accepted", s);
            for (size_t i = 0; i < sn; i++) {
                unsigned char c = (unsigned char)s[i];
                FUZZ_CHECK(c > ' ' && c != 0x7F && !strchr("\"<>\\`", c), "website \"%s\" accepted", s);
            }
        }
        break;
    case 2:
        if (validate_email(s) == NULL) {
            const char *at = strchr(s, '@');
            FUZZ_CHECK(sn <= EMAIL_MAX && at && at > s && at[1] && !strchr(at + 1, '@'),
                       "e-mail \"%s\" accepted", s);
            for (size_t i = 0; i < sn; i++) {
                unsigned char c = (unsigned char)s[i];
                FUZZ_CHECK(c > ' ' && c != 0x7F && !strchr("<>\"(),;[]\\", c), "e-mail \"%s\" accepted", s);
            }
        }
        break;
    case 3: {
        int y = -1, m = -1, d = -1;
        if (parse_ymd(s, &y, &m, &d)) {
            char back[16];
            snprintf(back, sizeof back, "%04d-%02d-%02d", y, m, d);
            FUZZ_CHECK(strcmp(back, s) == 0 && y >= 1900 && y <= 2200 && real_date(y, m, d),
                       "parse_ymd(\"%s\") = %d-%d-%d", s, y, m, d);
        }
        break;
    }
    case 4: {
        int h = -1, m = -1;
        if (parse_hm(s, &h, &m)) {
            char back[16];
            snprintf(back, sizeof back, "%02d%c%02d", h, sn == 5 ? s[2] : ':', m);
            FUZZ_CHECK(strcmp(back, s) == 0 && h >= 0 && h < 24 && m >= 0 && m < 60,
                       "parse_hm(\"%s\") = %d:%d", s, h, m);
        }
        break;
    }
    case 5: {
        struct count_range r = {-7, -7};
        if (parse_count_range(s, &r))
            FUZZ_CHECK((r.min == -1 && r.max == -1) || (r.min >= 0 && r.min <= r.max && r.max <= COUNT_MAX),
                       "parse_count_range(\"%s\") = %lld-%lld", s, (long long)r.min, (long long)r.max);
        break;
    }
    case 6: {
        /* "HH:MM HH:MM": split at the first space */
        char *sp = strchr(s, ' ');
        if (!sp) break;
        *sp = '\0';
        const char *st = s, *en = sp + 1;
        if (meeting_times_ok(st, en)) {
            int h1, m1, h2, m2;
            FUZZ_CHECK(parse_hm(st, &h1, &m1) && parse_hm(en, &h2, &m2) && st[2] == ':' && en[2] == ':' &&
                           h2 * 60 + m2 > h1 * 60 + m1,
                       "meeting_times_ok(\"%s\", \"%s\")", st, en);
        }
        break;
    }
    }
    free(s);
    free(raw);
    return 0;
}
