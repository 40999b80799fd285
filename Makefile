# PhoneFleet: the two commands (make run, make test) and their parts.
# Native and WebAssembly builds live in separate folders under build/.
ROOT    := $(abspath .)
NATIVE  := build/native
WASM    := build/wasm
JOBS    ?= 2
MAKEFLAGS += --no-print-directory
HTTP    ?= 127.0.0.1:8080
SIP     ?= 127.0.0.1:5060
DB      ?= data/phonefleet.db
export NODE_PATH := /usr/share/nodejs

.PHONY: all deps build native wasm run test bench clean

all: build

deps:
	@scripts/install-deps.sh

build: deps native wasm

native:
	@cmake -S . -B $(NATIVE) -DCMAKE_BUILD_TYPE=Release -DPHONEFLEET_WASM_DIR=$(ROOT)/$(WASM) >/dev/null
	@cmake --build $(NATIVE) -j $(JOBS)

wasm:
	@emcmake cmake -S . -B $(WASM) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(WASM) -j $(JOBS)

run: build
	@HTTP=$(HTTP) SIP=$(SIP) DB=$(DB) scripts/run-demo.sh

test: build
	@cd $(NATIVE) && ctest --output-on-failure --timeout 600

bench: build
	@scripts/bench.sh

clean:
	rm -rf build
