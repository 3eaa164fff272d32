#include "web/fragments.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { SLOTS = 128, MAX_FRAGMENT = 256 * 1024 };

struct slot {
    char *key;
    char *html;
    size_t len;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot slots[SLOTS];
static size_t next_victim;

static size_t hash(const char *s)
{
    size_t h = 5381;
    for (; *s; s++) h = h * 33 + (unsigned char)*s;
    return h;
}

const char *fragment_get(arena *a, const char *key)
{
    char *out = NULL;
    size_t i = hash(key) % SLOTS;
    pthread_mutex_lock(&lock);
    for (size_t k = 0; k < 4; k++) {
        struct slot *s = &slots[(i + k) % SLOTS];
        if (s->key && strcmp(s->key, key) == 0) {
            out = arena_strndup(a, s->html, s->len);
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    return out;
}

void fragment_put(const char *key, const char *html, size_t len)
{
    if (len > MAX_FRAGMENT) return;
    size_t i = hash(key) % SLOTS;
    char *k = xstrdup(key), *h = xstrndup(html, len);
    pthread_mutex_lock(&lock);
    struct slot *s = NULL;
    for (size_t j = 0; j < 4 && !s; j++) /* a free slot or the same key nearby */
        if (!slots[(i + j) % SLOTS].key || strcmp(slots[(i + j) % SLOTS].key, key) == 0)
            s = &slots[(i + j) % SLOTS];
    if (!s) s = &slots[(i + next_victim++ % 4) % SLOTS];
    free(s->key);
    free(s->html);
    s->key = k;
    s->html = h;
    s->len = len;
    pthread_mutex_unlock(&lock);
}

void fragment_cache_free(void)
{
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < SLOTS; i++) {
        free(slots[i].key);
        free(slots[i].html);
        slots[i] = (struct slot){0};
    }
    pthread_mutex_unlock(&lock);
}
