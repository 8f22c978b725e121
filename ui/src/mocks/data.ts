// Mock data for the e2e build only. Item texts and order come from the O*NET Interest Profiler
// (USDOL/ETA, see /work/shared/instrument). The Spanish texts here are Waypoint's own placeholder
// translations for tests, NOT O*NET's Mi Próximo Paso wording.
import type { Area, AreaInfo, JobZoneInfo } from "../lib/types";

type Row = [number, Area, string, string];
export const IP60: Row[] = [[1, "realistic", "Build kitchen cabinets", "Construir gabinetes de cocina"], [2, "realistic", "Lay brick or tile", "Colocar ladrillos o azulejos"], [3, "investigative", "Develop a new medicine", "Desarrollar un nuevo medicamento"], [4, "investigative", "Study ways to reduce water pollution", "Estudiar formas de reducir la contaminación del agua"], [5, "artistic", "Write books or plays", "Escribir libros u obras de teatro"], [6, "artistic", "Play a musical instrument", "Tocar un instrumento musical"], [7, "social", "Teach an individual an exercise routine", "Enseñar a una persona una rutina de ejercicios"], [8, "social", "Help people with personal or emotional problems", "Ayudar a personas con problemas personales o emocionales"], [9, "enterprising", "Buy and sell stocks and bonds", "Comprar y vender acciones y bonos"], [10, "enterprising", "Manage a retail store", "Administrar una tienda"], [11, "conventional", "Develop a spreadsheet using computer software", "Crear una hoja de cálculo con un programa de computadora"], [12, "conventional", "Proofread records or forms", "Revisar registros o formularios"], [13, "realistic", "Repair household appliances", "Reparar electrodomésticos"], [14, "realistic", "Raise fish in a fish hatchery", "Criar peces en un criadero"], [15, "investigative", "Conduct chemical experiments", "Hacer experimentos químicos"], [16, "investigative", "Study the movement of planets", "Estudiar el movimiento de los planetas"], [17, "artistic", "Compose or arrange music", "Componer o arreglar música"], [18, "artistic", "Draw pictures", "Hacer dibujos"], [19, "social", "Give career guidance to people", "Dar orientación profesional a personas"], [20, "social", "Perform rehabilitation therapy", "Dar terapia de rehabilitación"], [21, "enterprising", "Operate a beauty salon or barber shop", "Tener un salón de belleza o una barbería"], [22, "enterprising", "Manage a department within a large company", "Dirigir un departamento en una empresa grande"], [23, "conventional", "Install software across computers on a large network", "Instalar programas en las computadoras de una red grande"], [24, "conventional", "Operate a calculator", "Usar una calculadora"], [25, "realistic", "Assemble electronic parts", "Ensamblar piezas electrónicas"], [26, "realistic", "Drive a truck to deliver packages to offices and homes", "Manejar un camión para entregar paquetes en oficinas y casas"], [27, "investigative", "Examine blood samples using a microscope", "Examinar muestras de sangre con un microscopio"], [28, "investigative", "Investigate the cause of a fire", "Investigar la causa de un incendio"], [29, "artistic", "Create special effects for movies", "Crear efectos especiales para películas"], [30, "artistic", "Paint sets for plays", "Pintar escenografías para obras de teatro"], [31, "social", "Do volunteer work at a non-profit organization", "Hacer trabajo voluntario en una organización sin fines de lucro"], [32, "social", "Teach children how to play sports", "Enseñar a niños a practicar deportes"], [33, "enterprising", "Start your own business", "Empezar tu propio negocio"], [34, "enterprising", "Negotiate business contracts", "Negociar contratos de negocios"], [35, "conventional", "Keep shipping and receiving records", "Llevar registros de envíos y recepciones"], [36, "conventional", "Calculate the wages of employees", "Calcular los salarios de los empleados"], [37, "realistic", "Test the quality of parts before shipment", "Probar la calidad de piezas antes de enviarlas"], [38, "realistic", "Repair and install locks", "Reparar e instalar cerraduras"], [39, "investigative", "Develop a way to better predict the weather", "Desarrollar una forma de predecir mejor el clima"], [40, "investigative", "Work in a biology lab", "Trabajar en un laboratorio de biología"], [41, "artistic", "Write scripts for movies or television shows", "Escribir guiones para películas o programas de televisión"], [42, "artistic", "Perform jazz or tap dance", "Bailar jazz o tap"], [43, "social", "Teach sign language to people who are deaf or hard of hearing", "Enseñar lengua de señas a personas sordas o con dificultades auditivas"], [44, "social", "Help conduct a group therapy session", "Ayudar a dirigir una sesión de terapia de grupo"], [45, "enterprising", "Represent a client in a lawsuit", "Representar a un cliente en una demanda"], [46, "enterprising", "Market a new line of clothing", "Promocionar una nueva línea de ropa"], [47, "conventional", "Inventory supplies using a hand-held computer", "Hacer inventario de materiales con una computadora portátil"], [48, "conventional", "Record rent payments", "Registrar pagos de alquiler"], [49, "realistic", "Set up and operate machines to make products", "Preparar y operar máquinas para fabricar productos"], [50, "realistic", "Put out forest fires", "Apagar incendios forestales"], [51, "investigative", "Invent a replacement for sugar", "Inventar un sustituto del azúcar"], [52, "investigative", "Do laboratory tests to identify diseases", "Hacer análisis de laboratorio para identificar enfermedades"], [53, "artistic", "Sing in a band", "Cantar en una banda"], [54, "artistic", "Edit movies", "Editar películas"], [55, "social", "Take care of children at a day-care center", "Cuidar niños en una guardería"], [56, "social", "Teach a high-school class", "Dar clases en una escuela secundaria"], [57, "enterprising", "Sell merchandise at a department store", "Vender mercancía en una tienda departamental"], [58, "enterprising", "Manage a clothing store", "Administrar una tienda de ropa"], [59, "conventional", "Keep inventory records", "Llevar registros de inventario"], [60, "conventional", "Stamp, sort, and distribute mail for an organization", "Sellar, clasificar y distribuir el correo de una organización"]] as Row[];
export const IP30: Row[] = [[1, "realistic", "Build kitchen cabinets", "Construir gabinetes de cocina"], [2, "investigative", "Develop a new medicine", "Desarrollar un nuevo medicamento"], [3, "artistic", "Write books or plays", "Escribir libros u obras de teatro"], [4, "social", "Help people with personal or emotional problems", "Ayudar a personas con problemas personales o emocionales"], [5, "enterprising", "Manage a department within a large company", "Dirigir un departamento en una empresa grande"], [6, "conventional", "Install software across computers on a large network", "Instalar programas en las computadoras de una red grande"], [7, "realistic", "Repair household appliances", "Reparar electrodomésticos"], [8, "investigative", "Study ways to reduce water pollution", "Estudiar formas de reducir la contaminación del agua"], [9, "artistic", "Compose or arrange music", "Componer o arreglar música"], [10, "social", "Give career guidance to people", "Dar orientación profesional a personas"], [11, "enterprising", "Start your own business", "Empezar tu propio negocio"], [12, "conventional", "Operate a calculator", "Usar una calculadora"], [13, "realistic", "Assemble electronic parts", "Ensamblar piezas electrónicas"], [14, "investigative", "Conduct chemical experiments", "Hacer experimentos químicos"], [15, "artistic", "Create special effects for movies", "Crear efectos especiales para películas"], [16, "social", "Teach an individual an exercise routine", "Enseñar a una persona una rutina de ejercicios"], [17, "enterprising", "Sell merchandise at a department store", "Vender mercancía en una tienda departamental"], [18, "conventional", "Compute and record statistical and other numerical data", "Calcular y registrar datos estadísticos y otros datos numéricos"], [19, "realistic", "Fix a broken faucet", "Arreglar una llave de agua rota"], [20, "investigative", "Examine blood samples using a microscope", "Examinar muestras de sangre con un microscopio"], [21, "artistic", "Create dance routines for a show", "Crear coreografías para un espectáculo"], [22, "social", "Help people who have problems with drugs or alcohol", "Ayudar a personas con problemas de drogas o alcohol"], [23, "enterprising", "Manage a clothing store", "Administrar una tienda de ropa"], [24, "conventional", "Keep shipping and receiving records", "Llevar registros de envíos y recepciones"], [25, "realistic", "Lay brick or tile", "Colocar ladrillos o azulejos"], [26, "investigative", "Investigate the cause of a fire", "Investigar la causa de un incendio"], [27, "artistic", "Edit movies", "Editar películas"], [28, "social", "Perform rehabilitation therapy", "Dar terapia de rehabilitación"], [29, "enterprising", "Operate a beauty salon or barber shop", "Tener un salón de belleza o una barbería"], [30, "conventional", "Inventory supplies using a hand-held computer", "Hacer inventario de materiales con una computadora portátil"]] as Row[];
// What Rust's job_zones() and areas() send (crates/profiler/data, English only).
export const JOB_ZONES_EN: JobZoneInfo[] = [
 {
  "zone": 1,
  "title": "Job Zone One: Little or No Preparation Needed",
  "svp_range": "(Below 4.0)",
  "education": "At most a high school diploma or GED for some jobs; many need none.",
  "experience": "Little or no prior work experience, skill or knowledge needed.",
  "training": "A few days to a few months, usually shown on the job by an experienced worker.",
  "typical_work": "Following instructions and helping others.",
  "examples": "dishwashers, landscaping and groundskeeping workers, baristas, maids and housekeeping cleaners, agricultural equipment operators"
 },
 {
  "zone": 2,
  "title": "Job Zone Two: Some Preparation Needed",
  "svp_range": "(4.0 to < 6.0)",
  "education": "Usually a high school diploma.",
  "experience": "Some prior work-related experience or skill is usually helpful.",
  "training": "A few months up to a year working alongside experienced employees; some jobs have apprenticeships.",
  "typical_work": "Applying job knowledge and skills to help or serve others.",
  "examples": "customer service representatives, tellers, security guards, orderlies, counter and rental clerks"
 },
 {
  "zone": 3,
  "title": "Job Zone Three: Medium Preparation Needed",
  "svp_range": "(6.0 to < 7.0)",
  "education": "Usually vocational school training, related on-the-job experience, or an associate's degree.",
  "experience": "Previous work-related skill or experience is required (e.g. an electrician's multi-year apprenticeship).",
  "training": "Typically one to two years of combined on-the-job and informal training; apprenticeships are common.",
  "typical_work": "Using communication and organisational skills to coordinate, supervise or train others.",
  "examples": "electricians, medical assistants, barbers, agricultural technicians, court reporters"
 },
 {
  "zone": 4,
  "title": "Job Zone Four: Considerable Preparation Needed",
  "svp_range": "(7.0 to < 8.0)",
  "education": "Most require a four-year bachelor's degree, though not all.",
  "experience": "A considerable amount of work-related experience (e.g. several years for an accountant).",
  "training": "Several years of work experience, on-the-job training and/or vocational training.",
  "typical_work": "Often coordinating, supervising, managing or training others.",
  "examples": "sales managers, database administrators, graphic designers, cost estimators, real estate brokers"
 },
 {
  "zone": 5,
  "title": "Job Zone Five: Extensive Preparation Needed",
  "svp_range": "(8.0 and above)",
  "education": "Most require graduate school (master's, Ph.D., M.D., J.D.).",
  "experience": "Extensive; many require more than five years of experience.",
  "training": "Some on-the-job training, but workers are expected to arrive with the needed skills and knowledge.",
  "typical_work": "Coordinating and managing others' work; very advanced communication and organisational skills.",
  "examples": "pharmacists, lawyers, veterinarians, astronomers, physician assistants"
 }
];
export const AREAS_EN: AreaInfo[] = [
 {
  "area": "realistic",
  "title": "Realistic",
  "description": "Hands-on, practical work with tools, machines, materials, plants or animals; building, fixing and operating things, often outdoors or in physical settings, with less paperwork and less people-focused work."
 },
 {
  "area": "investigative",
  "title": "Investigative",
  "description": "Work built around ideas and figuring things out: researching, analysing, and solving problems in science, medicine, technology or the study of people, rather than leading others or doing physical labour."
 },
 {
  "area": "artistic",
  "title": "Artistic",
  "description": "Creating and expressing: making art, music, writing, performance, media, design or food in open-ended settings where originality matters more than following fixed rules."
 },
 {
  "area": "social",
  "title": "Social",
  "description": "Working with and for people: teaching, helping, counselling, caring for, advising or serving others, with people rather than objects or data at the centre of the work."
 },
 {
  "area": "enterprising",
  "title": "Enterprising",
  "description": "Leading, persuading and deciding: starting and running business ventures, selling, negotiating, managing people or projects, and taking risks in pursuit of results."
 },
 {
  "area": "conventional",
  "title": "Conventional",
  "description": "Orderly, detail-oriented work that follows set procedures: organising records, data and information accurately, usually in an office or business setting with clear rules."
 }
];
