/* Posts (news and meeting notes, written in Markdown) and their comments,
 * which wait for a communicator's approval before anyone sees them. */
#ifndef SAMSKAP_POST_H
#define SAMSKAP_POST_H

#include <stdbool.h>
#include <stdint.h>

enum post_status { POST_DRAFT, POST_PUBLISHED };
enum comment_status { COMMENT_PENDING, COMMENT_APPROVED, COMMENT_REJECTED };

struct post {
    int64_t id;
    const char *slug;
    const char *title;
    const char *summary;
    const char *body_md;
    const char *body_html;   /* rendered by cmark when saved */
    int64_t author_id;
    const char *author_name;
    enum post_status status;
    int64_t published_at;
    int64_t updated_at;
    int64_t comment_count;   /* approved comments */
};

struct comment {
    int64_t id;
    int64_t post_id;
    const char *post_title;  /* filled by the moderation list */
    const char *post_slug;
    const char *name;
    const char *email;       /* for moderators' eyes only, never rendered publicly */
    const char *body;
    enum comment_status status;
    int64_t created_at;
};

enum {
    POST_TITLE_MAX = 200, POST_SUMMARY_MAX = 400, POST_BODY_MAX = 60000,
    COMMENT_NAME_MAX = 80, COMMENT_BODY_MAX = 4000,
    POSTS_PER_PAGE = 10,
    /* approved comments shown per page of a post (?sida=N) */
    COMMENTS_PER_PAGE = 50,
    /* comments from one client address per window */
    COMMENT_RATE_MAX = 5, COMMENT_RATE_WINDOW = 600,
};

const char *post_status_name(enum post_status s);     /* "utkast" / "publicerad" */
int post_status_from_name(const char *s);
const char *comment_status_name(enum comment_status s);
int comment_status_from_name(const char *s);

#endif
