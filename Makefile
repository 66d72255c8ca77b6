# Loupe — the usual targets. `make run` and `make test` work on a fresh
# Debian/Ubuntu machine: they install the system packages they need first.

GO       ?= go
DATA     ?= $(CURDIR)/.demo-data
BIN      := loupe
VERSION  := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
# Fyne's packager, pinned; built into .tools/ on first use.
FYNE     := $(CURDIR)/.tools/fyne
FYNE_PKG := fyne.io/tools/cmd/fyne@v1.7.4
# Fyne (cgo, OpenGL, X11) to build; poppler, qpdf and exiftool for the
# tests that check PDFs with tools Loupe did not write.
DEB_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev poppler-utils qpdf libimage-exiftool-perl
# Cross-building for Windows and packing the archives.
DIST_PKGS := gcc-mingw-w64-x86-64 zip xz-utils

.PHONY: run test stress stress-sync deps versitygw build windows dist bench screenshots vet fmt clean

# The S3 server the sync tests start on 127.0.0.1: versitygw (Apache-2.0, an
# S3 gateway over a local folder), built once with its own module into a
# cache folder, never added to Loupe's go.mod.
TESTBIN           ?= $(HOME)/.cache/loupe-test-bin
VERSITYGW         := $(TESTBIN)/versitygw
VERSITYGW_VERSION := v1.8.0

## run: install what is missing, seed a demo database and open the app on it
run: deps build
	./$(BIN) demo --data "$(DATA)"
	./$(BIN) --data "$(DATA)"

## test: install what is missing, run every test, end with "N passed, N failed, N skipped"
test: deps $(VERSITYGW)
	LOUPE_VERSITYGW=$(VERSITYGW) $(GO) run ./.ci/testsum -count=1 ./...

## versitygw: build the S3 test server into $(TESTBIN) (a few minutes, once)
versitygw: $(VERSITYGW)
$(VERSITYGW):
	GOBIN=$(TESTBIN) GOFLAGS=-buildvcs=false $(GO) install github.com/versity/versitygw/cmd/versitygw@$(VERSITYGW_VERSION)

## stress: kill demo, photos import, report and finalize at random moments,
## many more times than `make test` does (TRIALS, default 1000), then the
## team sync simulation (stress-sync)
TRIALS ?= 1000
stress: deps $(VERSITYGW)
	LOUPE_CRASH_TRIALS=$(TRIALS) bash -o pipefail -c "$(GO) test -count=1 -run '^TestKilledCommandsLeaveAWholeState$$' -timeout 4h -v ./app/cli/ | grep -v '^=== \|    --- PASS'"
	$(MAKE) stress-sync

## stress-sync: 200 laptops × 50 inspections push to one shared folder, an
## office pulls and merges them all (objects, bytes, seconds are printed);
## then two laptops edit one draft offline (LAPTOPS, INSPECTIONS to change)
LAPTOPS ?= 200
INSPECTIONS ?= 50
stress-sync:
	LOUPE_STRESS=1 LOUPE_STRESS_LAPTOPS=$(LAPTOPS) LOUPE_STRESS_INSPECTIONS=$(INSPECTIONS) $(GO) test -count=1 -run '^TestStressTeam$$' -timeout 60m -v ./inspection/exchange/

## deps: the Debian packages above (waits for another apt/dpkg to finish)
deps:
	@command -v $(GO) >/dev/null || { echo "Go is not installed: install Go 1.26 from https://go.dev/dl (distribution packages are older)"; exit 1; }
	@$(GO) version | grep -Eq 'go1\.(2[1-9]|[3-9][0-9])' || { echo "$$($(GO) version) is too old to fetch the Go 1.26 toolchain go.mod asks for: install Go from https://go.dev/dl"; exit 1; }
	@bash .ci/apt-install $(DEB_PKGS)

build:
	$(GO) build -o $(BIN) .

$(FYNE):
	GOBIN=$(CURDIR)/.tools $(GO) install $(FYNE_PKG)

## windows: loupe.exe (double-click: the window) and loupe.com (what `loupe` runs in a console)
windows: $(FYNE)
	@bash .ci/apt-install $(DIST_PKGS)
	FYNE=$(FYNE) GO=$(GO) bash .ci/package windows

## dist: dist/loupe-$(VERSION)-windows-amd64.zip and -linux-amd64.tar.gz
dist: deps $(FYNE)
	@bash .ci/apt-install $(DIST_PKGS)
	FYNE=$(FYNE) GO=$(GO) bash .ci/package dist

## bench: photo import vs ImageMagick, report vs bare image pipeline, and
## Loupe at 10,000 inspections / 500,000 findings (search, list, window start
## under Xvfb, database size, bulk load): every ratio, with the machine named.
## The 10k database is built once (minutes) and cached; LOUPE_BENCH_REBUILD=1
## builds it again and measures the bulk load in the same run.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x ./inspection/photo/ ./report/
	$(GO) test -run '^$$' -bench Scale -benchtime 1x -timeout 60m ./app/

## screenshots: start the real app under Xvfb on demo data and save PNGs
## at 1366x768 (home.png, …) and 1920x1080 (home-1920x1080.png, …),
## cropped to the window, 1024 px wide, 256 colours: small enough to commit
screenshots: build
	bash .ci/screenshots assets/screenshots
	for f in assets/screenshots/*.png; do \
		convert "$$f" -bordercolor black -border 1 -fuzz 1% -trim +repage -resize '1024x>' -colors 256 -strip "PNG8:$$f" || exit 1; \
	done
	@ls -l assets/screenshots/*.png

vet:
	gofmt -l . | tee /dev/stderr | (! read)
	$(GO) vet ./...

clean:
	rm -rf $(BIN) $(BIN).exe $(BIN).com Loupe.tar.xz dist .tools "$(DATA)"
