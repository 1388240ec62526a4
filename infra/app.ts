import { buildApp } from './platform.ts';

buildApp().synth();
