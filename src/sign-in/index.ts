// The sign-in chunk: only a theme's own sign-in form loads it; built to stand alone (see
// vite.config.ts).
export { signIn } from './sign-in'
export { signOut } from './sign-out'
