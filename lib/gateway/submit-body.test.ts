import { describe, expect, it } from "vitest";
import { encodeSubmitBody } from "./submit-body";

// The hand-assembled submit body is the JSON that JSON.stringify would write.

describe("encodeSubmitBody", () => {
  it.each([
    ["no references", []],
    ["a data URL", ["data:image/png;base64,iVBORw0KGgo+/=="]],
    ["a link with characters JSON escapes", ['https://example.com/a "quoted" \\ path/图.png', "data:image/webp;base64,UklGRg=="]],
  ])("%s", (_what, urls) => {
    const input = { model: "nano_banana_2", prompt: '美丽的日出 "sunrise" \\ \n\u2028 \u0000', metadata: { aspectRatio: "16:9", imageSize: "2K" }, urls };
    const body = encodeSubmitBody(input);
    const text = new TextDecoder().decode(body);
    expect(text).toBe(JSON.stringify({ model: input.model, prompt: input.prompt, metadata: { ...input.metadata, urls } }));
    expect(body.byteLength).toBe(Buffer.byteLength(text));
  });

  it("a prompt that contains the placeholder's own text is not confused with it", () => {
    const prompt = "\u0000urls\u0000";
    const text = new TextDecoder().decode(encodeSubmitBody({ model: "m", prompt, metadata: {}, urls: ["data:image/png;base64,AA=="] }));
    expect(JSON.parse(text)).toEqual({ model: "m", prompt, metadata: { urls: ["data:image/png;base64,AA=="] } });
  });
});
