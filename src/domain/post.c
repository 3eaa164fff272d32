#include "domain/post.h"

#include <string.h>

const char *post_status_name(enum post_status s)
{
    return s == POST_PUBLISHED ? "publicerad" : "utkast";
}

int post_status_from_name(const char *s)
{
    if (!s) return -1;
    if (strcmp(s, "publicerad") == 0) return POST_PUBLISHED;
    if (strcmp(s, "utkast") == 0) return POST_DRAFT;
    return -1;
}

const char *comment_status_name(enum comment_status s)
{
    switch (s) {
    case COMMENT_APPROVED: return "godkand";
    case COMMENT_REJECTED: return "avvisad";
    default: return "vantar";
    }
}

int comment_status_from_name(const char *s)
{
    if (!s) return -1;
    if (strcmp(s, "godkand") == 0) return COMMENT_APPROVED;
    if (strcmp(s, "avvisad") == 0) return COMMENT_REJECTED;
    if (strcmp(s, "vantar") == 0) return COMMENT_PENDING;
    return -1;
}
