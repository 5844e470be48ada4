/** Entry point of the Partner Console SPA. */
import "./i18n";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { AppProviders } from "./app/providers";
import { ConsoleRouter } from "./app/router";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <AppProviders>
      <ConsoleRouter />
    </AppProviders>
  </StrictMode>,
);
