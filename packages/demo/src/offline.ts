// Registers the service worker (built app only: see src/sw/sw.ts) and reports whether the app
// works offline. A new build's worker waits until the user chooses to reload.

export interface OfflineView {
  status: HTMLElement;
  update: HTMLElement;
  reload: HTMLButtonElement;
}

export function setUpOffline(view: OfflineView): void {
  const set = (state: 'unsupported' | 'dev' | 'installing' | 'ready' | 'failed', text: string): void => {
    view.status.dataset.offline = state;
    view.status.textContent = text;
  };
  if (!('serviceWorker' in navigator)) {
    set('unsupported', 'This browser cannot keep the app for offline use.');
    return;
  }
  if (!import.meta.env.PROD) {
    set('dev', 'Offline support is on in the built app only (vite build + vite preview).');
    return;
  }
  set('installing', 'Storing the app on this device for offline use…');
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // The first worker takes control of this page (clients.claim) with no reload needed; a
    // reload happens only when the user asked for an update.
    if (reloading) location.reload();
  });

  const offerUpdate = (worker: ServiceWorker): void => {
    view.update.hidden = false;
    view.reload.onclick = () => {
      reloading = true;
      worker.postMessage('skip-waiting');
    };
  };

  navigator.serviceWorker
    .register('/sw.js', { updateViaCache: 'none' })
    .then((registration) => {
      if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
      registration.addEventListener('updatefound', () => {
        const installing = registration.installing;
        installing?.addEventListener('statechange', () => {
          if (installing.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(installing);
        });
      });
      return navigator.serviceWorker.ready;
    })
    .then(async () => {
      if (!navigator.serviceWorker.controller) {
        await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
      }
      set('ready', 'The app is stored on this device and works offline; models you have loaded are kept too.');
    })
    .catch((error: unknown) => {
      set('failed', `The app could not be stored for offline use (${error instanceof Error ? error.message : String(error)}).`);
    });
}
