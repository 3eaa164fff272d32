# samskap — `make run` serves the demo site, `make test` runs every test.
# Both first install what is missing (scripts/deps.sh), then build in a fresh
# make, so that the flags below are read after the -dev packages are there.

CC      ?= cc
PKGS    := libmicrohttpd sqlite3 libpq libsodium libcmark jansson libcurl libical
WARN    := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wstrict-prototypes \
           -Wmissing-prototypes -Wno-missing-field-initializers

# CFLAGS is the user's (`make CFLAGS=-O0`); what the build needs is kept apart
# in REQ_CFLAGS and always comes first.
CFLAGS  ?= -O2 -g

# pkg-config is asked once, when a recipe first needs it (not when make reads
# this file, which may be before scripts/deps.sh installed the -dev packages).
lazy     = $(eval $(1) := $$(shell $(2)))$($(1))
PKG_CFLAGS = $(call lazy,PKG_CFLAGS,pkg-config --cflags $(PKGS))
PKG_LIBS   = $(call lazy,PKG_LIBS,pkg-config --libs $(PKGS))

REQ_CFLAGS = -std=gnu11 -D_GNU_SOURCE $(WARN) -Isrc -Ibuild/gen -fno-strict-aliasing \
             -MMD -MP $(PKG_CFLAGS)
ALL_CFLAGS = $(REQ_CFLAGS) $(CFLAGS)
# --as-needed: a library that nothing uses is not linked (libical's pkg-config
# names -licalss and -licalvcal too).
LDFLAGS   ?=
LDLIBS     = -Wl,--as-needed $(LDFLAGS) $(PKG_LIBS) -lstemmer -lpthread -lm

# Sanitizer build: the same sources under ASan + UBSan.
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRC     := $(shell find src -name '*.c' | sort)
LIBSRC  := $(filter-out src/main.c,$(SRC))
EMBED   := $(sort $(wildcard locale/*/*.txt static/*.css src/store/migrations/*.sql data/*/*.txt \
             demo/*.txt demo/posts/*.md content/*/*.md))

OBJ      = $(patsubst src/%.c,build/$(1)/%.o,$(LIBSRC)) build/$(1)/gen/embedded.o

.PHONY: all run test deps asan unit-bins bench fuzz clean fresh
all: build/samskap

deps:
	@scripts/deps.sh

build/gen/embedded.c: build/tools/embed $(EMBED)
	@mkdir -p $(dir $@)
	build/tools/embed . $(EMBED) > $@.tmp && mv $@.tmp $@

build/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -Wall -Wextra -Werror -o $@ $<

# ---- the normal build ----
build/rel/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC $@"; $(CC) $(ALL_CFLAGS) -c -o $@ $<
build/rel/gen/embedded.o: build/gen/embedded.c
	@mkdir -p $(dir $@)
	@echo "  CC $@"; $(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c -o $@ $<
build/rel/libsamskap.a: $(call OBJ,rel)
	rm -f $@; ar rcs $@ $^
build/samskap: build/rel/main.o build/rel/libsamskap.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

# ---- the sanitizer build ----
build/asan/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC $@"; $(CC) $(ALL_CFLAGS) $(SAN) -O1 -c -o $@ $<
build/asan/gen/embedded.o: build/gen/embedded.c
	@mkdir -p $(dir $@)
	@echo "  CC $@"; $(CC) $(ALL_CFLAGS) -O0 -c -o $@ $<
build/asan/libsamskap.a: $(call OBJ,asan)
	rm -f $@; ar rcs $@ $^
build/asan/samskap: build/asan/main.o build/asan/libsamskap.a
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)
asan: build/asan/samskap

# ---- unit and storage tests (cmocka), built twice: plain and sanitized ----
UNIT    := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/*.c))
build/tests/rel/%: tests/unit/%.c build/rel/libsamskap.a
	@mkdir -p $(dir $@)
	@echo "  LD $@"; $(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< build/rel/libsamskap.a $(LDLIBS) -lcmocka
build/tests/asan/%: tests/unit/%.c build/asan/libsamskap.a
	@mkdir -p $(dir $@)
	@echo "  LD $@"; $(CC) $(ALL_CFLAGS) $(SAN) -O1 -Itests/unit -o $@ $< build/asan/libsamskap.a $(LDLIBS) -lcmocka
unit-bins: $(addprefix build/tests/rel/,$(UNIT)) $(addprefix build/tests/asan/,$(UNIT))

# Header dependencies written by -MMD -MP: a changed header rebuilds its users.
-include $(shell find build -name '*.d' 2>/dev/null)

# ---- what a newcomer runs: install what is missing, then build in a new make ----
DB ?= var/samskap.db
run:
	@scripts/deps.sh
	@$(MAKE) --no-print-directory build/samskap
	@mkdir -p $(dir $(DB))
	SAMSKAP_DB=$${SAMSKAP_DB:-$(DB)} build/samskap demo
	SAMSKAP_DB=$${SAMSKAP_DB:-$(DB)} build/samskap serve

test:
	scripts/test.sh

bench:
	@scripts/deps.sh bench
	@$(MAKE) --no-print-directory build/samskap
	bench/run

fuzz:
	@scripts/deps.sh test
	scripts/fuzz.sh

# Proves the README's two commands on a minimal Debian 12 root (debootstrap).
fresh:
	scripts/fresh.sh

clean:
	rm -rf build test-output
