# samskap — `make run` serves the demo site, `make test` runs every test.
# Both first install what is missing (scripts/deps.sh).

CC      ?= cc
PKGS    := libmicrohttpd sqlite3 libpq libsodium libcmark jansson libcurl libical
WARN    := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wstrict-prototypes \
           -Wmissing-prototypes -Wno-missing-field-initializers
CFLAGS  ?= -O2 -g
CFLAGS  += -std=gnu11 -D_GNU_SOURCE $(WARN) -Isrc -Ibuild/gen -fno-strict-aliasing \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lpthread -lm

# Sanitizer build: the same sources under ASan + UBSan.
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRC     := $(shell find src -name '*.c' | sort)
LIBSRC  := $(filter-out src/main.c,$(SRC))
EMBED   := $(sort $(wildcard locale/*/*.txt static/*.css src/store/migrations/*.sql \
             demo/*.txt demo/posts/*.md content/*/*.md))

OBJ      = $(patsubst src/%.c,build/$(1)/%.o,$(LIBSRC)) build/$(1)/gen/embedded.o

.PHONY: all run test deps asan unit bench fuzz clean serve demo
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
build/rel/%.o: src/%.c $(wildcard src/*/*/*.h src/*/*.h src/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC $@"; $(CC) $(CFLAGS) -c -o $@ $<
build/rel/gen/embedded.o: build/gen/embedded.c
	@mkdir -p $(dir $@)
	@echo "  CC $@"; $(CC) $(CFLAGS) -Wno-overlength-strings -c -o $@ $<
build/rel/libsamskap.a: $(call OBJ,rel)
	rm -f $@; ar rcs $@ $^
build/samskap: build/rel/main.o build/rel/libsamskap.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# ---- the sanitizer build ----
build/asan/%.o: src/%.c $(wildcard src/*/*/*.h src/*/*.h src/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC $@"; $(CC) $(CFLAGS) $(SAN) -O1 -c -o $@ $<
build/asan/gen/embedded.o: build/gen/embedded.c
	@mkdir -p $(dir $@)
	@echo "  CC $@"; $(CC) $(CFLAGS) -O0 -c -o $@ $<
build/asan/libsamskap.a: $(call OBJ,asan)
	rm -f $@; ar rcs $@ $^
build/asan/samskap: build/asan/main.o build/asan/libsamskap.a
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)
asan: build/asan/samskap

# ---- unit and storage tests (cmocka), built twice: plain and sanitized ----
UNIT    := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/*.c))
build/tests/rel/%: tests/unit/%.c tests/unit/testutil.h build/rel/libsamskap.a
	@mkdir -p $(dir $@)
	@echo "  LD $@"; $(CC) $(CFLAGS) -Itests/unit -o $@ $< build/rel/libsamskap.a $(LDLIBS) -lcmocka
build/tests/asan/%: tests/unit/%.c tests/unit/testutil.h build/asan/libsamskap.a
	@mkdir -p $(dir $@)
	@echo "  LD $@"; $(CC) $(CFLAGS) $(SAN) -O1 -Itests/unit -o $@ $< build/asan/libsamskap.a $(LDLIBS) -lcmocka
unit-bins: $(addprefix build/tests/rel/,$(UNIT)) $(addprefix build/tests/asan/,$(UNIT))

# ---- what a newcomer runs ----
DB ?= var/samskap.db
run: deps build/samskap
	@mkdir -p $(dir $(DB))
	SAMSKAP_DB=$${SAMSKAP_DB:-$(DB)} build/samskap demo
	SAMSKAP_DB=$${SAMSKAP_DB:-$(DB)} build/samskap serve

test: deps
	scripts/test.sh

bench: deps build/samskap
	bench/run

fuzz: deps
	scripts/fuzz.sh

clean:
	rm -rf build test-output
