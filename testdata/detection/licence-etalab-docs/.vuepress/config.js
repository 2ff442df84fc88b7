module.exports = { title: "Guide des agents", themeConfig: { sidebar: ["/guide/accompagnement"] } };
