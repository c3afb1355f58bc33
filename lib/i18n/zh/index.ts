import type { Dictionary } from "../types";
import { account } from "./account";
import { allowance } from "./allowance";
import { admin } from "./admin";
import { auth } from "./auth";
import { boards } from "./boards";
import { common } from "./common";
import { composer } from "./composer";
import { docs } from "./docs";
import { failures } from "./failures";
import { gallery } from "./gallery";
import { share } from "./share";
import { templates } from "./templates";
import { tokens } from "./tokens";
import { usage } from "./usage";
import { versions } from "./versions";
import { promptHelp } from "./prompt-help";
import { templateBlanks } from "./template-blanks";
import { templatesPage } from "./templates-page";
import { runs } from "./runs";
import { runDialog } from "./run-dialog";

// 中文词典，与英文按区域一一对应。
export const zh: Dictionary = { common, composer, allowance, gallery, auth, account, admin, usage, tokens, share, boards, failures, docs, versions, promptHelp, templates, templateBlanks, templatesPage, runs, runDialog };
