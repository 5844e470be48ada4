/** A page's tab, kept in the URL (?tab=…): links and reloads open the same view. */
import { useSearchParams } from "react-router";

export function useTabParam<Tab extends string>(tabs: readonly Tab[], fallback: Tab): [Tab, (tab: Tab) => void] {
  const [params, setParams] = useSearchParams();
  const requested = params.get("tab");
  const tab = tabs.find((entry) => entry === requested) ?? fallback;
  const setTab = (next: Tab) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next === fallback) updated.delete("tab");
        else updated.set("tab", next);
        return updated;
      },
      { replace: true },
    );
  return [tab, setTab];
}
