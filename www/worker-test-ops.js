// Appended to the worker only in the test build (WB_TEST_BUILD=1 scripts/build-web, into
// target/dist-test): lets the browser tests prove that the page survives a panic in the core and a
// worker that never answers. The shipped page has neither operation.

/* global OPS, panicForTests */
OPS.panic = () => panicForTests();
OPS.hang = () => {
  for (;;);
};
