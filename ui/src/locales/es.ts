import type { Messages } from "./en";

export const es: Messages = {
  appName: "Waypoint",
  skipToContent: "Ir al contenido principal",
  language: "Idioma",
  welcome: {
    title: "Encuentra carreras que encajen con tus intereses",
    intro:
      "Responde preguntas sobre actividades de trabajo que podrían gustarte. No hay respuestas correctas ni incorrectas. Waypoint muestra tu perfil de intereses y carreras para explorar.",
    chooseHeading: "¿Cómo quieres empezar?",
    ip60Title: "Perfil de Intereses",
    ip60Detail: "60 preguntas, unos 10 minutos",
    recommended: "Recomendado",
    ip30Title: "Mini Perfil de Intereses",
    ip30Detail: "30 preguntas, unos 5 minutos",
    typedTitle: "Ingresar puntajes de un perfil en papel",
    typedDetail: "Escribe tus seis puntajes RIASEC",
  },
  coming: {
    title: "Próximamente",
    body: "Esta parte de Waypoint está en construcción. Regresa para elegir otra forma de empezar.",
    back: "Volver al inicio",
  },
  footer: {
    version: "Versión {version}",
    dataFolder: "Carpeta de datos: {path}",
    testServer: "Usando el servicio O*NET en {url}",
    attribution:
      "Este producto incluye información del O*NET Interest Profiler y de O*NET Web Services del Departamento de Trabajo de los EE. UU., Administración de Empleo y Capacitación (USDOL/ETA), usada bajo la licencia CC BY 4.0. O*NET® es una marca registrada de USDOL/ETA.",
  },
  errors: {
    generic: "Algo salió mal: {message}",
  },
};
