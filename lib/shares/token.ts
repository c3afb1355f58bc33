import "server-only";
import { randomBytes } from "node:crypto";
import { hashSessionId } from "@/lib/auth/sessions";

// A share link's token is 256 random bits in base64url (43 characters): far
// past guessing (the issue asks ≥ 128 bits), even at the rate limit of every
// address on the internet. Only its SHA-256 is kept (as for sessions, invites
// and API tokens), so a copy of the database opens no link.

const TOKEN_BYTES = 32;
/** 32 bytes in unpadded base64url. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const newShareToken = () => randomBytes(TOKEN_BYTES).toString("base64url");
export const hashShareToken = hashSessionId;
/** Anything else is not one of ours: it is answered 404 without a database read. */
export const isShareToken = (value: string) => TOKEN_SHAPE.test(value);
export const shareUrl = (token: string) => `/s/${token}`;
