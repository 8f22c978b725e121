// English UI strings. Spanish (es.ts) must have exactly the same keys: the type enforces it.
export const en = {
  appName: "Waypoint",
  skipToContent: "Skip to main content",
  language: "Language",
  welcome: {
    title: "Find careers that fit your interests",
    intro:
      "Answer questions about work activities you might enjoy. There are no right or wrong answers. Waypoint shows your interest profile and careers to explore.",
    chooseHeading: "How would you like to start?",
    ip60Title: "Interest Profiler",
    ip60Detail: "60 questions, about 10 minutes",
    recommended: "Recommended",
    ip30Title: "Mini Interest Profiler",
    ip30Detail: "30 questions, about 5 minutes",
    typedTitle: "Enter scores from a paper profiler",
    typedDetail: "Type in your six RIASEC scores",
  },
  coming: {
    title: "Coming soon",
    body: "This part of Waypoint is being built. Your choice has been noted; go back to pick another way in.",
    back: "Back to the start",
  },
  footer: {
    version: "Version {version}",
    dataFolder: "Data folder: {path}",
    testServer: "Using O*NET service at {url}",
    attribution:
      "This product includes information from the O*NET Interest Profiler and O*NET Web Services by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA.",
  },
  errors: {
    generic: "Something went wrong: {message}",
  },
};

export type Messages = typeof en;
