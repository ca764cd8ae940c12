# The two commands: `make run` and `make test`. The scripts do the work, so
# they also run without make.
.PHONY: run test lint clean

run:
	bash scripts/run.sh

# Extra pytest arguments: make test ARGS="tests/rules -x"
test:
	bash scripts/test.sh $(ARGS)

lint:
	WITH_BROWSER=0 bash scripts/bootstrap.sh
	.venv/bin/ruff check .

clean:
	rm -rf var/ staticfiles/
