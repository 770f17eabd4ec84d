// The app's identity the OS knows it by: electron.builder.yml's appId (a test keeps them equal). Windows shows
// notifications only for an app whose AppUserModelID matches its Start-menu shortcut, which the installer
// creates with this id.
export const APP_ID = 'dev.mmaudio.studio'
