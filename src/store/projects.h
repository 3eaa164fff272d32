/* Storage of projects (store/projects.c).
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_PROJECTS_H
#define SAMSKAP_STORE_PROJECTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/project.h"
#include "store/db.h"
#include "util/mem.h"

/* Creates a project with its categories, criteria and contacts. */
enum db_rc store_project_create(db *d, const struct project *p, int64_t now, int64_t *id);
/* Updates texts, dates, budget, status, notes; replaces criteria and
 * contacts; renames categories in place and adds new ones.  The budget
 * may not drop below what is granted (DB_CONSTRAINT). */
enum db_rc store_project_update(db *d, const struct project *p, int64_t now);
/* The project with categories, criteria and contacts. */
enum db_rc store_project_by_slug(db *d, arena *a, const char *slug, struct project **p);
enum db_rc store_project_by_id(db *d, arena *a, int64_t id, struct project **p);
enum db_rc store_projects_list(db *d, arena *a, struct project **list, size_t *n);
/* DB_OK when a budget line uses the category, DB_NOTFOUND when none does. */
enum db_rc store_category_in_use(db *d, int64_t category_id);

#endif
