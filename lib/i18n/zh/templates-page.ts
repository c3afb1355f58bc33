// /templates 页面与从图片保存为模板。与 ../en/templates-page.ts 一一对应。
export const templatesPage = {
  title: "模板",
};
