// In-page helpers for the benchmarks that drive the UI over the DevTools protocol: fill a
// labelled field as typing would, press a button by its text, read the packet count, open a tab of
// the live-actions drawer.
export const PAGE_HELPERS = `
  window.__control = (label) => {
    const found = [...document.querySelectorAll('label')].find((element) => element.textContent.trim() === label);
    return found && (found.htmlFor ? document.getElementById(found.htmlFor) : found.querySelector('input, select, textarea'));
  };
  window.__fill = (label, value) => {
    const control = window.__control(label);
    const prototype = control instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(prototype, 'value').set.call(control, value);
    control.dispatchEvent(new Event('input', { bubbles: true }));
  };
  window.__press = (text) => [...document.querySelectorAll('button')].find((button) => button.textContent.trim() === text).click();
  window.__drawerTab = (name) => [...document.querySelectorAll('[role=tablist][aria-label="Live actions"] [role=tab]')].find((tab) => tab.textContent.trim() === name);
  // Opens the drawer (where its tabs are) on one tab; resolves once that tab is shown.
  window.__openDrawer = async (name) => {
    if (!window.__drawerTab(name)) window.__press('Live actions');
    while (!window.__drawerTab(name)) await new Promise(requestAnimationFrame);
    window.__drawerTab(name).click();
    while (window.__drawerTab(name).getAttribute('aria-selected') !== 'true') await new Promise(requestAnimationFrame);
  };
  // The count as people read it (\`200,246\`), with no filter on.
  window.__count = () => Number((document.querySelector('[aria-label="Packet count"]')?.textContent ?? '0').replaceAll(',', ''));
`;
