#include "domain/user.h"

#include <string.h>
#include <strings.h>

#include "util/text.h"

static const char *const role_names[ROLE_COUNT] = {
    [ROLE_UNGDOM] = "ungdom",
    [ROLE_REPRESENTANT] = "foreningsrepresentant",
    [ROLE_KOORDINATOR] = "koordinator",
    [ROLE_KOMMUNIKATOR] = "kommunikator",
    [ROLE_REPORTER] = "invanarreporter",
    [ROLE_KLARSPRAK] = "klarspraksgranskare",
    [ROLE_COACH] = "coach",
    [ROLE_JURY] = "jurymedlem",
    [ROLE_ADMIN] = "administrator",
};

const char *role_name(enum role r)
{
    return (unsigned)r < ROLE_COUNT ? role_names[r] : "";
}

int role_from_name(const char *name)
{
    for (int i = 0; i < ROLE_COUNT; i++)
        if (name && strcmp(name, role_names[i]) == 0) return i;
    return -1;
}

bool can_write_posts(const struct user *u)
{
    return user_has(u, ROLE_KOMMUNIKATOR) || user_has(u, ROLE_REPORTER) ||
           user_has(u, ROLE_ADMIN);
}

bool can_publish_posts(const struct user *u)
{
    return user_has(u, ROLE_KOMMUNIKATOR) || user_has(u, ROLE_ADMIN);
}

bool can_moderate_comments(const struct user *u)
{
    return user_has(u, ROLE_KOMMUNIKATOR) || user_has(u, ROLE_ADMIN);
}

bool can_manage_users(const struct user *u)
{
    return user_has(u, ROLE_ADMIN);
}

bool can_create_orgs(const struct user *u)
{
    return user_has(u, ROLE_ADMIN) || user_has(u, ROLE_KOORDINATOR);
}

const char *validate_email(const char *e)
{
    if (!e || !*e) return "err.required";
    size_t n = strlen(e);
    if (n > EMAIL_MAX) return "err.email";
    const char *at = strchr(e, '@');
    if (!at || at == e || strchr(at + 1, '@')) return "err.email";
    const char *dot = strrchr(at, '.');
    if (!dot || dot == at + 1 || dot[1] == '\0') return "err.email";
    for (const unsigned char *p = (const unsigned char *)e; *p; p++)
        if (*p <= ' ' || *p == 0x7F || *p == '<' || *p == '>' || *p == '"' || *p == ',' ||
            *p == ';' || *p == '(' || *p == ')' || *p == '[' || *p == ']' || *p == '\\')
            return "err.email";
    return NULL;
}

const char *validate_password(const char *pw, const char *email)
{
    if (!pw || !*pw) return "err.required";
    size_t n = utf8_len(pw);
    if (n < PASSWORD_MIN) return "err.password_short";
    if (strlen(pw) > PASSWORD_MAX) return "err.password_long";
    if (email && strcasecmp(pw, email) == 0) return "err.password_email";
    return NULL;
}

const char *validate_person_name(const char *name)
{
    if (!name || !*name) return "err.required";
    if (utf8_len(name) > NAME_MAX_CHARS) return "err.too_long";
    return NULL;
}
