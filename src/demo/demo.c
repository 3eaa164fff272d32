#include "demo/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "domain/post.h"
#include "store/store.h"
#include "util/crypto.h"
#include "util/embedded.h"
#include "util/log.h"
#include "util/text.h"
#include "view/format.h"
#include "view/markdown.h"

int demo_blocks(arena *a, const char *text, struct block *out, int max)
{
    int count = 0;
    char *copy = arena_strdup(a, text);
    char *p = copy;
    while (*p && count < max) {
        struct block *b = &out[count];
        memset(b, 0, sizeof *b);
        /* headers */
        while (*p) {
            char *eol = strchr(p, '\n');
            if (eol) *eol = '\0';
            char *next = eol ? eol + 1 : p + strlen(p);
            if (*p == '#' && b->n == 0) { p = next; continue; }
            if (*p == '\0') { p = next; break; }
            char *colon = strstr(p, ": ");
            if (!colon) colon = p + strlen(p) - (p[strlen(p) - 1] == ':' ? 1 : 0);
            if (b->n < 12) {
                b->keys[b->n] = arena_strndup(a, p, (size_t)(colon - p));
                b->values[b->n] = *colon ? colon + (colon[1] == ' ' ? 2 : 1) : "";
                b->n++;
            }
            p = next;
        }
        /* body up to a "---" line */
        char *end = strstr(p, "\n---\n");
        if (!end && strncmp(p, "---\n", 4) == 0) end = p - 1;
        if (end) {
            *end = '\0';
            b->body = p;
            p = end + 5;
        } else {
            b->body = p;
            p += strlen(p);
        }
        if (b->n) count++;
    }
    return count;
}

const char *block_get(const struct block *b, const char *key)
{
    for (int i = 0; i < b->n; i++)
        if (strcmp(b->keys[i], key) == 0) return b->values[i];
    return NULL;
}

/* "2022-02-24 10:00" in Stockholm time to Unix seconds. */
static int64_t demo_time(const char *s)
{
    int y, m, d, hh = 9, mm = 0;
    char date[11] = {0};
    if (!s || strlen(s) < 10) return 0;
    memcpy(date, s, 10);
    if (!parse_ymd(date, &y, &m, &d)) return 0;
    if (strlen(s) >= 16) parse_hm(s + 11, &hh, &mm);
    return local_time(y, m, d, hh, mm);
}

struct demo_user {
    const char *email, *name;
    enum role role;
    int64_t birth_year;
    const char *org; /* slug of the organisation represented */
};

static const struct demo_user users[] = {
    {"admin@example.org", "Alva Andersson", ROLE_ADMIN, 0, NULL},
    {"koordinator@example.org", "Kim Karlsson", ROLE_KOORDINATOR, 0, NULL},
    {"kommunikator@example.org", "Kai Lindqvist", ROLE_KOMMUNIKATOR, 0, NULL},
    {"forening@example.org", "Rut Nilsson", ROLE_REPRESENTANT, 0, "framtidsverkstaden"},
    {"ungdom@example.org", "Yasmin Ali", ROLE_UNGDOM, 2010, NULL},
    {"reporter@example.org", "Nils Berg", ROLE_REPORTER, 0, NULL},
    {"klarsprak@example.org", "Ia Holm", ROLE_KLARSPRAK, 0, NULL},
};

struct load {
    arena *a;
    int64_t now;
    int64_t user_ids[sizeof users / sizeof users[0]];
    const char *hash;
};

static enum db_rc load_orgs(db *d, struct load *L)
{
    const struct embedded_file *f = embedded_find("demo/organisations.txt");
    if (!f) return DB_ERR;
    struct block blocks[64];
    int n = demo_blocks(L->a, (const char *)f->data, blocks, 64);
    for (int i = 0; i < n; i++) {
        const struct block *b = &blocks[i];
        struct org o = {0};
        o.name = block_get(b, "name");
        o.slug = text_slug(L->a, o.name, 60);
        int k = org_kind_from_name(block_get(b, "kind"));
        int s = org_sector_from_name(block_get(b, "sector"));
        o.kind = k < 0 ? ORG_ANNAN : (enum org_kind)k;
        o.sector = s < 0 ? SECTOR_IDEELL : (enum org_sector)s;
        o.summary = block_get(b, "summary");
        o.description = text_clean(L->a, b->body);
        o.website = "";
        const char *parent = block_get(b, "parent");
        if (parent && *parent) {
            struct org *p = NULL;
            if (store_org_by_slug(d, L->a, parent, &p) != DB_OK) return DB_ERR;
            o.parent_id = p->id;
        }
        int64_t id;
        enum db_rc rc = store_org_create(d, &o, L->now, &id);
        if (rc != DB_OK) return rc;
    }
    return DB_OK;
}

static enum db_rc load_users(db *d, struct load *L)
{
    for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
        const struct demo_user *u = &users[i];
        struct user_new nu = {u->email, u->name, L->hash, u->birth_year, L->now};
        enum db_rc rc = store_user_create(d, &nu, &L->user_ids[i]);
        if (rc == DB_OK) rc = store_role_grant(d, L->user_ids[i], u->role, 0, L->now);
        if (rc == DB_OK && u->org) {
            struct org *o = NULL;
            rc = store_org_by_slug(d, L->a, u->org, &o);
            if (rc == DB_OK) rc = store_org_add_rep(d, o->id, L->user_ids[i]);
        }
        if (rc != DB_OK) return rc;
    }
    return DB_OK;
}

static int by_name(const void *a, const void *b)
{
    const struct embedded_file *const *x = a, *const *y = b;
    return strcmp((*x)->name, (*y)->name);
}

static enum db_rc load_posts(db *d, struct load *L)
{
    const struct embedded_file *files[32];
    size_t n = 0;
    for (size_t i = 0; i < embedded_count && n < 32; i++)
        if (starts_with(embedded_files[i].name, "demo/posts/")) files[n++] = &embedded_files[i];
    qsort(files, n, sizeof files[0], by_name);
    for (size_t i = 0; i < n; i++) {
        struct block b;
        if (demo_blocks(L->a, (const char *)files[i]->data, &b, 1) != 1) return DB_ERR;
        struct post p = {0};
        p.title = block_get(&b, "title");
        p.slug = text_slug(L->a, p.title, 80);
        p.body_md = text_clean(L->a, b.body);
        p.body_html = markdown_to_html(L->a, p.body_md);
        p.summary = markdown_summary(L->a, p.body_md, 200);
        p.author_id = L->user_ids[DEMO_COMMUNICATOR];
        p.author_name = block_get(&b, "author");
        p.status = POST_PUBLISHED;
        p.published_at = demo_time(block_get(&b, "date"));
        if (!p.title || !p.body_html || !p.author_name || !p.published_at) return DB_ERR;
        int64_t id;
        enum db_rc rc = store_post_create(d, &p, p.published_at, &id);
        if (rc != DB_OK) return rc;
    }
    return DB_OK;
}

static enum db_rc load_comments(db *d, struct load *L)
{
    const struct embedded_file *f = embedded_find("demo/comments.txt");
    if (!f) return DB_ERR;
    struct block blocks[64];
    int n = demo_blocks(L->a, (const char *)f->data, blocks, 64);
    for (int i = 0; i < n; i++) {
        const struct block *b = &blocks[i];
        struct post *p = NULL;
        enum db_rc rc = store_post_by_slug(d, L->a, block_get(b, "post"), &p);
        if (rc != DB_OK) return rc;
        struct comment c = {.post_id = p->id, .name = block_get(b, "name"),
                            .email = block_get(b, "email"), .body = text_clean(L->a, b->body)};
        int64_t id, at = demo_time(block_get(b, "date"));
        rc = store_comment_create(d, &c, "demo", 0, at, &id);
        const char *status = block_get(b, "status");
        if (rc == DB_OK && status && strcmp(status, "godkand") == 0)
            rc = store_comment_moderate(d, id, COMMENT_APPROVED, L->user_ids[DEMO_COMMUNICATOR], at);
        if (rc != DB_OK) return rc;
    }
    return DB_OK;
}

static enum db_rc load_all(db *d, void *ctx)
{
    struct load *L = ctx;
    char *marker = NULL;
    enum db_rc rc = store_setting_get(d, L->a, "demo.loaded", &marker);
    if (rc == DB_OK) return DB_NOTFOUND; /* already loaded: nothing to do */
    if (rc != DB_NOTFOUND) return rc;
    if ((rc = load_orgs(d, L)) != DB_OK) return rc;
    if ((rc = load_users(d, L)) != DB_OK) return rc;
    if ((rc = load_posts(d, L)) != DB_OK) return rc;
    if ((rc = load_comments(d, L)) != DB_OK) return rc;
    if ((rc = demo_calls(d, L->a, L->user_ids, L->now)) != DB_OK) return rc;
    if ((rc = demo_meetings(d, L->a, L->now)) != DB_OK) return rc;
    if ((rc = demo_stats(d, L->a, L->now)) != DB_OK) return rc;
    if ((rc = demo_klarsprak(d, L->a, L->user_ids, L->now)) != DB_OK) return rc;
    if ((rc = demo_hackathon(d, L->a, L->user_ids, L->hash, L->now)) != DB_OK) return rc;
    if ((rc = demo_events(d, L->a, L->now)) != DB_OK) return rc;
    if ((rc = demo_catalogue(d, L->a, L->now)) != DB_OK) return rc;
    return store_setting_init(d, "demo.loaded", "1");
}

bool demo_load(db *d)
{
    struct load L = {0};
    L.a = arena_new();
    L.now = (int64_t)time(NULL);
    L.hash = password_hash(L.a, DEMO_PASSWORD);
    enum db_rc rc = L.hash ? db_tx(d, true, load_all, &L) : DB_ERR;
    arena_free(L.a);
    if (rc == DB_NOTFOUND) {
        printf("samskap: demo data already loaded\n");
        return true;
    }
    if (rc != DB_OK) {
        log_error("demo: loading failed");
        return false;
    }
    printf("samskap: demo data loaded (accounts: admin@example.org, koordinator@example.org,\n"
           "  kommunikator@example.org, forening@example.org, ungdom@example.org,\n"
           "  reporter@example.org, klarsprak@example.org; password: %s)\n", DEMO_PASSWORD);
    return true;
}
