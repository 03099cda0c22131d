// In-page helpers for the benchmarks that drive the UI over the DevTools protocol: fill a
// labelled field as typing would, press a button by its text, read the packet count.
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
  // The count as people read it (\`200,246\`), with no filter on.
  window.__count = () => Number((document.querySelector('[aria-label="Packet count"]')?.textContent ?? '0').replaceAll(',', ''));
`;
