// The part of jsdom's API the Mermaid parser helper uses (jsdom ships no types; @types/jsdom would
// be one more dev dependency for one constructor).
declare module 'jsdom' {
  export class JSDOM {
    constructor(html: string);
    readonly window: Window & typeof globalThis;
  }
}
