import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => cleanup());
import "@testing-library/jest-dom/vitest";

// jsdom lays nothing out: scrolling is a no-op here (the e2e tests see it).
window.scrollTo = () => {};
window.scrollBy = () => {};

// The machines running the tests are shared: give focus and replies time.
configure({ asyncUtilTimeout: 4000 });
