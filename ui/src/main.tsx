import { start } from "@codegouvfr/react-dsfr/start";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";

// Content-Security-Policy violations are kept for the end-to-end tests,
// which require there are none.
const violations: string[] = [];
document.addEventListener("securitypolicyviolation", (e) => {
  violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
(window as unknown as { fdrCspViolations: string[] }).fdrCspViolations = violations;

// The DSFR's start, as `startReactDsfr` does it, but asking for a nonce so
// that it injects no inline <style> (the CSP forbids them): the colour
// scheme it would set is in public/app.css.
void start({
  defaultColorScheme: "light",
  verbose: false,
  doCheckNonce: true,
  trustedTypesPolicyName: "react-dsfr",
  nextParams: undefined,
});

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
