# Loupe — the usual targets. `make run` and `make test` work on a fresh
# Debian/Ubuntu machine: they install the system packages they need first.

GO       ?= go
DATA     ?= $(CURDIR)/.demo-data
BIN      := loupe
DEB_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev poppler-utils
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test stress stress-sync deps versitygw build windows bench screenshots vet fmt clean

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

## test: install what is missing and run every test
test: deps $(VERSITYGW)
	LOUPE_VERSITYGW=$(VERSITYGW) $(GO) test -count=1 ./...

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

## deps: the Debian packages Fyne (cgo, OpenGL, X11) and the report tests need
deps:
	@command -v $(GO) >/dev/null || { echo "Go is not installed: install Go 1.26 from https://go.dev/dl (distribution packages are older)"; exit 1; }
	@$(GO) version | grep -Eq 'go1\.(2[1-9]|[3-9][0-9])' || { echo "$$($(GO) version) is too old to fetch the Go 1.26 toolchain go.mod asks for: install Go from https://go.dev/dl"; exit 1; }
	@missing=""; for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y $$missing; \
	fi

build:
	$(GO) build -o $(BIN) .

## windows: cross-build loupe.exe (needs gcc-mingw-w64-x86-64)
windows:
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc $(GO) build -ldflags "-H=windowsgui" -o $(BIN).exe .

## bench: photo import vs ImageMagick, report vs bare image pipeline (ratios)
bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x ./inspection/photo/ ./report/

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
	rm -rf $(BIN) $(BIN).exe "$(DATA)"
