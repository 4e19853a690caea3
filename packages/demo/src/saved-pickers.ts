// The pickers' values are remembered for the next visit (not the query or the passages).
const SETTINGS_KEY = 'webrerank-demo:settings';

interface SavedSettings { model?: string; customId?: string; customHost?: string; device?: string; dtype?: string; normalize?: boolean | undefined }

/** The form controls whose values are remembered (a page without a normalize box leaves it as saved). */
export interface Pickers {
  model: HTMLSelectElement;
  customId: HTMLInputElement;
  customHost: HTMLSelectElement;
  device: HTMLSelectElement;
  dtype: HTMLSelectElement;
  normalize?: HTMLInputElement | undefined;
}

function loadSaved(): SavedSettings {
  try {
    return JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as SavedSettings;
  } catch {
    return {};
  }
}

/** Puts the saved values back, only those the pickers offer; anything else keeps the default. */
export function restorePickers(p: Pickers): void {
  const saved = loadSaved();
  const pick = (select: HTMLSelectElement, value: unknown): void => {
    if (typeof value === 'string' && [...select.options].some((o) => o.value === value)) select.value = value;
  };
  pick(p.model, saved.model);
  pick(p.customHost, saved.customHost);
  pick(p.device, saved.device);
  pick(p.dtype, saved.dtype);
  if (typeof saved.customId === 'string') p.customId.value = saved.customId;
  if (typeof saved.normalize === 'boolean' && p.normalize) p.normalize.checked = saved.normalize;
}

export function savePickers(p: Pickers): void {
  const saved: SavedSettings = {
    model: p.model.value, customId: p.customId.value, customHost: p.customHost.value,
    device: p.device.value, dtype: p.dtype.value, normalize: p.normalize ? p.normalize.checked : loadSaved().normalize,
  };
  try {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(saved));
  } catch {
    // Storage refused (private mode): the settings are simply not remembered.
  }
}
