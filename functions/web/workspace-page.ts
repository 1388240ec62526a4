import workspacePage from '../../build/web/workspace.html';
import { loadEnv } from '../../shared/config/env.ts';
import { workspaceHandler } from '../../shared/http/workspace-page.ts';
import { workspacePageSpec } from './workspace-page.spec.ts';

/** The officers' workspace: sign-in, work queue, dossier page, counter intake. */
export const handler = workspaceHandler(workspacePage, loadEnv(workspacePageSpec.env));
