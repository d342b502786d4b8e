# ktvoffice: the back office of karaoke venues.
#
#   make deps    install what is missing (Debian packages, npm assets)
#   make         build ./ktvoffice (release, -O2)
#   make run     deps + build + demo database (if none) + serve on 127.0.0.1:8080
#   make test    build with ASan+UBSan and run every suite; last line "N passed, N failed"
#   make bench   benchmarks: figures and ratios, never pass/fail
#
# BUILD names the output folder so that several builds can share one tree.

CC       ?= gcc
BUILD    ?= build
PKGS      = libmicrohttpd jansson sqlite3 libsodium xlsxwriter
CFLAGS_BASE = -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wformat=2 \
              -Wno-unused-parameter -Isrc -I$(BUILD)/gen
PKG_CFLAGS  = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS    = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
OPT        ?= -O2 -g
SAN_FLAGS   = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# Every .c under src/ except main.c goes into a static library that the binary
# and the test programs link against.
SRC_ALL  := $(shell find src -name '*.c' | sort)
SRC_LIB  := $(filter-out src/main.c,$(SRC_ALL))
MIGRATIONS := $(sort $(wildcard sql/*.sql))

OBJ_DIR  = $(BUILD)/obj
LIB_OBJS = $(patsubst %.c,$(OBJ_DIR)/%.o,$(SRC_LIB)) $(OBJ_DIR)/gen/migrations.o
DEPS     = $(LIB_OBJS:.o=.d) $(OBJ_DIR)/src/main.d

TEST_SRC  := $(shell find tests -name '*.c' ! -name 'harness.c' ! -name 'api_client.c' | sort)
TEST_BINS := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRC))
TEST_SUPPORT = $(OBJ_DIR)/tests/harness.o $(OBJ_DIR)/tests/api_client.o

# Keep intermediate objects of the test programs (make would delete them otherwise).
.SECONDARY:

.PHONY: all deps run test test-build bench clean format demo-db

# ./ktvoffice (the binary `make run` starts) follows the default build only: a side build
# (make BUILD=build-me) stops at build-me/ktvoffice and never replaces it.
ifeq ($(BUILD),build)
all: ktvoffice

ktvoffice: $(BUILD)/ktvoffice
	cp $(BUILD)/ktvoffice ktvoffice
else
all: $(BUILD)/ktvoffice

.PHONY: ktvoffice
ktvoffice:
	$(MAKE) BUILD=build ktvoffice
endif

$(BUILD)/ktvoffice: $(OBJ_DIR)/src/main.o $(BUILD)/libktv.a
	$(CC) $(OPT) $(LDFLAGS_EXTRA) -o $@ $^ $(PKG_LIBS)

$(BUILD)/libktv.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(OBJ_DIR)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(OPT) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

# Migrations are compiled into the binary: sql/NNN_name.sql becomes one entry.
$(BUILD)/gen/migrations.c: $(MIGRATIONS) tools/embed-sql.sh
	@mkdir -p $(dir $@)
	sh tools/embed-sql.sh $(MIGRATIONS) > $@.tmp && mv $@.tmp $@

$(OBJ_DIR)/gen/migrations.o: $(BUILD)/gen/migrations.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(OPT) -c $< -o $@

$(OBJ_DIR)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) -Itests $(OPT) $(PKG_CFLAGS) $(shell pkg-config --cflags libcurl) -MMD -MP -c $< -o $@

$(BUILD)/tests/%: $(OBJ_DIR)/tests/%.o $(TEST_SUPPORT) $(BUILD)/libktv.a
	@mkdir -p $(dir $@)
	$(CC) $(OPT) -o $@ $^ $(PKG_LIBS) $(shell pkg-config --libs libcurl)

-include $(DEPS) $(TEST_BINS:$(BUILD)/tests/%=$(OBJ_DIR)/tests/%.d)

deps:
	sh tools/deps.sh

# The sanitizer build lives in its own folder so it never mixes with release objects.
# SAN_BUILD lets several people test in one tree at once (make test SAN_BUILD=build-san-me).
SAN_BUILD ?= build-san
test-build:
	$(MAKE) BUILD=$(SAN_BUILD) OPT="$(SAN_FLAGS)" LDFLAGS_EXTRA="-fsanitize=address,undefined" \
		$(SAN_BUILD)/ktvoffice $(patsubst $(BUILD)/%,$(SAN_BUILD)/%,$(TEST_BINS))

test: test-build
	sh tools/run-tests.sh $(SAN_BUILD)

run: deps ktvoffice
	@test -f ktvoffice.db || ./ktvoffice demo --db ktvoffice.db --days 90 --seed 1
	@echo
	@echo "  ktvoffice is at http://127.0.0.1:8080"
	@echo "  sign in as admin / ktvdemo123 (demo venue; every role: manager, finance, cashier1 ... same password)"
	@echo "  Ctrl-C stops it."
	@echo
	./ktvoffice serve --db ktvoffice.db --listen 127.0.0.1:8080 --web web

# Figures and ratios, never pass/fail (bench/run.sh says what). BENCH_BILLS=N scales the bill
# files down (default 1,000,000); outputs go to bench/out/.
bench: $(BUILD)/ktvoffice $(BUILD)/bench/shift_fill
	KTV_BIN=$(BUILD)/ktvoffice SHIFT_FILL=$(BUILD)/bench/shift_fill sh bench/run.sh

# The helper that fills a shift with bills for the close benchmark (not part of the product).
$(OBJ_DIR)/bench/%.o: bench/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(OPT) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/bench/shift_fill: $(OBJ_DIR)/bench/shift_fill.o $(BUILD)/libktv.a
	@mkdir -p $(dir $@)
	$(CC) $(OPT) -o $@ $^ $(PKG_LIBS)

format:
	clang-format -i $(SRC_ALL) $(shell find src tests -name '*.h') $(TEST_SRC)

clean:
	rm -rf build build-san build-* ktvoffice
