//! `fdr`, the command line of *Feuilles de route*: the same core and store
//! as the desktop app, for batch work at the secretariat and for tests.
//!
//! Each subcommand is a few lines over the store; messages go to stderr as
//! `FILE: error: MESSAGE` / `FILE: warning: MESSAGE`, results to stdout.
//! Adding a command: a variant of [`Command`] with its doc comment (it is the
//! `--help` text), and a function returning an [`ExitCode`].

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use fdr_store::{Store, StoreError};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Writes a line to stdout. When the reader has gone (`fdr list | head`),
/// `fdr` stops quietly instead of panicking with an English message.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            crate::output_closed(&e);
        }
    }};
}

/// Writes a line to stderr, as [`say!`] does to stdout.
macro_rules! say_err {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stderr().lock(), $($arg)*) {
            crate::output_closed(&e);
        }
    }};
}

/// Output that cannot be written: a closed pipe ends the command quietly
/// (its reader wanted no more); anything else ends it with an error code.
fn output_closed(e: &std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "fdr : la sortie ne peut pas être écrite (disque plein ou fichier fermé ?)"
    );
    std::process::exit(1);
}

const EXIT_CODES: &str = "\
Codes de sortie :
  0  tout a réussi (pour import : chaque fichier importé ou déjà présent)
  1  au moins un fichier refusé, un export refusé, ou une base endommagée (check)
  2  ligne de commande invalide
  3  la base ne peut pas être ouverte (version plus récente, fichier étranger, disque)

Base par défaut : le dossier de données local (non itinérant) de l’utilisateur, partagé
avec l’application de bureau (Linux : ~/.local/share/fr.feuillesderoute.desktop/feuilles-de-route.sqlite,
Windows : %LOCALAPPDATA%\\fr.feuillesderoute.desktop\\) ; une base trouvée à l’ancien
emplacement y est d’abord déplacée. La variable FDR_DB ou l’option --db la remplacent.";

/// Feuilles de route — feuilles de route thématiques de la stratégie de
/// prévention et de lutte contre la pauvreté : import, export et contrôle.
#[derive(Parser)]
#[command(name = "fdr", version, after_help = EXIT_CODES)]
struct Cli {
    /// Fichier de la base (SQLite). Par défaut : FDR_DB, sinon le dossier de données de l’utilisateur.
    #[arg(long, global = true, env = "FDR_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Liste les feuilles de route : une ligne par feuille (n° de thème, id, révision, statut, titre ; « * » si modifiée depuis son dernier export).
    List,
    /// Importe des fichiers (.fdr.json, ou PDF exportés qui portent leurs données) : chacun entier ou refusé entier.
    ///
    /// Pour chaque fichier : importé, déjà présent, ou gardé dans l’historique
    /// (révision plus ancienne) sur la sortie standard ; un refus s’écrit
    /// « FICHIER: error: MESSAGE » sur la sortie d’erreur, MESSAGE nommant le
    /// champ (ex. actions[3].objectives[0]) ; les avertissements
    /// « FICHIER: warning: ... ».
    Import {
        /// Fichiers à importer.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Exporte une feuille de route, désignée par son n° de thème ou son id.
    ///
    /// Une feuille modifiée depuis son dernier export reçoit une nouvelle
    /// révision ; sinon le même fichier est reproduit à l’identique. Un n° de
    /// thème qui a deux feuilles de route est refusé (les deux id sont cités).
    Export {
        /// N° de thème (1 à 15) ou id (UUID) de la feuille de route.
        #[arg(value_name = "THEME_NUMBER|ID")]
        target: String,
        /// Format du fichier.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Fichier à écrire (remplacé d’un coup, jamais à moitié écrit).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Vérifie l’intégrité de la base, puis liste les avertissements de chaque feuille de route.
    Check,
    /// Consolide la dernière révision exportée ou reçue de chaque feuille de route : PDF régional, classeur XLSX, ou fichiers CSV.
    ///
    /// PDF : couverture, sommaire, synthèse régionale (thèmes, avis du
    /// secrétariat, budget financeur × année, indicateurs, participation),
    /// puis chaque feuille de route ; il porte le JSON de chacune et s’importe.
    /// XLSX : feuilles « Feuilles de route », « Objectifs », « Actions »,
    /// « Financements » (une ligne par ligne de financement), « Indicateurs »,
    /// « Mesures », « Participation », cellules typées. CSV : un fichier par
    /// feuille dans le dossier --out (UTF-8 avec BOM, « ; », pour Excel en français).
    ///
    /// Par défaut : toute la région, les feuilles remises ou validées, et pour
    /// une feuille modifiée depuis son dernier export, cette dernière révision
    /// exportée. Chaque thème inclus ou non, et pourquoi, s’écrit sur la
    /// sortie d’erreur (« FICHIER: note: ... »).
    Consolidate {
        /// Format.
        #[arg(long, value_enum, default_value_t = Consolidation::Pdf)]
        format: Consolidation,
        /// Fichier à écrire (PDF, XLSX), ou dossier (CSV).
        #[arg(long, value_name = "FILE|DIR")]
        out: PathBuf,
        /// Document d’un département (code, ex. 60) : les feuilles qui le concernent ou concernent toute la région.
        #[arg(long, value_name = "CODE")]
        departement: Option<String>,
        /// Statuts inclus, séparés par des virgules.
        #[arg(
            long,
            value_enum,
            value_delimiter = ',',
            value_name = "STATUTS",
            default_value = "remise,validee"
        )]
        statuts: Vec<StatutArg>,
        /// Laisse de côté les feuilles modifiées depuis leur dernier export (au lieu de prendre leur dernière révision exportée).
        #[arg(long)]
        sans_modifiees: bool,
        /// N° de thème à exclure, séparés par des virgules.
        #[arg(long, value_delimiter = ',', value_name = "N")]
        exclure: Vec<i64>,
    },
    /// Ce qui a changé entre deux révisions reçues ou envoyées d’une feuille de route, champ par champ.
    ///
    /// Une ligne par changement : « + » ajouté, « - » supprimé, « ~ » modifié
    /// (ancienne valeur → nouvelle). --json écrit la même liste en JSON.
    Diff {
        /// N° de thème (1 à 15) ou id (UUID) de la feuille de route.
        #[arg(value_name = "THEME_NUMBER|ID")]
        target: String,
        /// Révision de départ.
        #[arg(value_name = "REV_A")]
        from: i64,
        /// Révision d’arrivée.
        #[arg(value_name = "REV_B")]
        to: i64,
        /// Écrit les changements en JSON (item, label, kind, field, old, new).
        #[arg(long)]
        json: bool,
    },
    /// Écrit une feuille de route fictive mais valide, de la taille voulue (essais, mesures de performance).
    ///
    /// Le contenu est déterministe : mêmes paramètres, même fichier. La base n’est pas utilisée.
    Sample {
        /// Nombre d’actions.
        #[arg(long, default_value_t = 400)]
        actions: usize,
        /// Nombre d’indicateurs.
        #[arg(long, default_value_t = 120)]
        indicators: usize,
        /// N° de thème.
        #[arg(long, default_value_t = 1)]
        theme: i64,
        /// Graine du générateur.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Fichier JSON à écrire.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Sauvegarde la base (copie cohérente vérifiée) dans le dossier « sauvegardes » à côté d’elle, ou dans --dir.
    ///
    /// Les 10 sauvegardes les plus récentes sont gardées. L’application en fait
    /// une par jour au démarrage, et une avant chaque mise à jour du schéma.
    Backup {
        /// Dossier des sauvegardes.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Liste les sauvegardes de la base, la plus récente d’abord.
    Backups {
        /// Dossier des sauvegardes.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Remplace la base par une sauvegarde vérifiée ; la base actuelle est d’abord copiée à part (« avant-restauration »).
    Restore {
        /// La sauvegarde à restaurer.
        #[arg(value_name = "FILE")]
        backup: PathBuf,
    },
    /// Reprend la rédaction d’une feuille de route reçue : ce poste en devient l’auteur.
    ///
    /// Acte explicite (réinstallation, nouvel animateur) : les révisions
    /// continuent depuis la dernière reçue, et les réponses reçues avec elle
    /// deviennent celles de ce poste.
    Adopt {
        /// N° de thème (1 à 15) ou id (UUID) de la feuille de route.
        #[arg(value_name = "THEME_NUMBER|ID")]
        target: String,
    },
    /// Les avis du secrétariat : les lister, les exporter, y répondre.
    Avis {
        #[command(subcommand)]
        command: AvisCommand,
    },
}

#[derive(Subcommand)]
enum AvisCommand {
    /// Liste les avis d’une feuille de route (le plus ancien d’abord) et les réponses.
    ///
    /// --json écrit {"avis": [les avis tels qu’échangés], "answers": [les réponses telles que dans reponses.answers]}.
    List {
        /// N° de thème (1 à 15) ou id (UUID) de la feuille de route.
        #[arg(value_name = "THEME_NUMBER|ID")]
        target: String,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Exporte un avis émis ou reçu : son JSON (.fdr-avis.json) ou son PDF (qui porte le même JSON, avis.json).
    Export {
        /// Id (UUID) de l’avis.
        #[arg(value_name = "AVIS_ID")]
        avis: String,
        /// Format du fichier.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Fichier à écrire.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Répond à une remarque d’un avis reçu, sur une feuille de route dont ce poste est l’auteur.
    ///
    /// La réponse part avec la prochaine révision exportée (reponses.json dans
    /// le PDF, NOM.fdr-reponses.json à côté du JSON).
    Answer {
        /// N° de thème (1 à 15) ou id (UUID) de la feuille de route.
        #[arg(value_name = "THEME_NUMBER|ID")]
        target: String,
        /// Id (UUID) de l’avis.
        #[arg(value_name = "AVIS_ID")]
        avis: String,
        /// Id de la remarque dans l’avis (ex. R1).
        #[arg(value_name = "REMARK_ID")]
        remark: String,
        /// addressed (traitée) ou declined (non retenue : --text dit pourquoi).
        #[arg(long, value_enum)]
        state: AnswerArg,
        /// Texte de la réponse (Markdown léger).
        #[arg(long, default_value = "")]
        text: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum AnswerArg {
    /// Traitée dans cette révision.
    Addressed,
    /// Non retenue (le texte dit pourquoi).
    Declined,
}

#[derive(Clone, Copy, ValueEnum)]
enum StatutArg {
    /// Remise au secrétariat.
    Remise,
    /// Validée par le secrétariat.
    #[value(alias = "validée")]
    Validee,
    /// En cours de rédaction.
    Brouillon,
}

impl From<StatutArg> for fdr_core::RoadmapStatus {
    fn from(s: StatutArg) -> Self {
        match s {
            StatutArg::Remise => Self::Submitted,
            StatutArg::Validee => Self::Validated,
            StatutArg::Brouillon => Self::Draft,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Consolidation {
    /// Le document régional PDF (synthèse, puis chaque feuille de route ; il porte leurs données).
    Pdf,
    /// Un classeur Excel (.xlsx).
    Xlsx,
    /// Un fichier CSV par feuille, dans un dossier.
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Le format d’échange JSON (feuille-de-route, version 1).
    Json,
    /// Le document PDF à diffuser, qui porte en pièce jointe le même JSON.
    Pdf,
}

fn open(db: &Path) -> Result<Store, ExitCode> {
    Store::open(db, fdr_store::system_clock()).map_err(|e| {
        say_err!("{}: error: {e}", db.display());
        ExitCode::from(3)
    })
}

/// The command line in French: clap writes its help headings, its own flags'
/// descriptions and its errors in English, so the help and version flags are
/// ours, the help text's headings are translated, and each kind of error gets
/// a French sentence naming the argument (exit code 2, as documented).
fn french_command(cmd: clap::Command) -> clap::Command {
    use clap::{Arg, ArgAction};
    cmd.disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_value_name("COMMANDE")
        .subcommand_help_heading("Commandes")
        .arg(
            Arg::new("aide")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Affiche l’aide (de la commande qui précède)"),
        )
        .mut_subcommands(french_command)
}

/// clap's rendered help with its remaining English words in French.
fn french_help(text: &str) -> String {
    [
        ("Usage: ", "Utilisation : "),
        ("Commandes:", "Commandes :"),
        ("Arguments:", "Arguments :"),
        ("Options:", "Options :"),
        ("[possible values: ", "[valeurs possibles : "),
        ("Possible values:", "Valeurs possibles :"),
        ("[default: ", "[par défaut : "),
        ("[env: ", "[variable d’environnement : "),
        ("[aliases: ", "[autres noms : "),
    ]
    .iter()
    .fold(text.to_string(), |t, (en, fr)| t.replace(en, fr))
}

/// A French sentence for a command-line error, naming the argument.
fn french_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let get = |kind: ContextKind| -> String {
        match e.get(kind) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(", "),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
            Some(ContextValue::Number(n)) => n.to_string(),
            Some(ContextValue::Bool(b)) => b.to_string(),
            _ => String::new(),
        }
    };
    let suggestion = match get(ContextKind::SuggestedSubcommand) {
        s if s.is_empty() => match get(ContextKind::SuggestedArg) {
            a if a.is_empty() => String::new(),
            a => format!(" ; vouliez-vous dire « {a} » ?"),
        },
        s => format!(" ; vouliez-vous dire « {s} » ?"),
    };
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let valid = match get(ContextKind::ValidValue) {
        v if v.is_empty() => String::new(),
        v => format!(" (valeurs possibles : {v})"),
    };
    match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue : « {} »{suggestion}",
            get(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::UnknownArgument => format!("option ou argument inattendu : « {arg} »{suggestion}"),
        ErrorKind::MissingRequiredArgument => format!("il manque : {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "il manque la commande (fdr --help les liste)".to_string()
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("il manque la valeur de {arg}{valid}"),
        ErrorKind::InvalidValue => format!("valeur invalide pour {arg} : « {value} »{valid}"),
        ErrorKind::ValueValidation => format!("valeur invalide pour {arg} : « {value} »"),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("nombre de valeurs incorrect pour {arg}")
        }
        ErrorKind::ArgumentConflict => format!("{arg} ne peut pas être employé avec {}", get(ContextKind::PriorArg)),
        ErrorKind::NoEquals => format!("{arg} attend sa valeur après « = »"),
        ErrorKind::InvalidUtf8 => "un argument n’est pas en UTF-8".to_string(),
        _ => "ligne de commande invalide".to_string(),
    }
}

/// Parses the command line; help and version are printed here (exit 0),
/// errors in French (exit 2).
fn parse_command_line() -> Result<Cli, ExitCode> {
    use clap::error::ErrorKind;
    let cmd = french_command(Cli::command()).disable_version_flag(true).arg(
        clap::Arg::new("version")
            .short('V')
            .long("version")
            .action(clap::ArgAction::Version)
            .help("Affiche la version"),
    );
    let parsed = cmd.try_get_matches().and_then(|m| Cli::from_arg_matches(&m));
    parsed.map_err(|e| match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let text = french_help(&e.render().to_string());
            say!("{}", text.trim_end());
            ExitCode::SUCCESS
        }
        _ => {
            say_err!("fdr : {}", french_error(&e));
            say_err!("Aide : fdr --help, ou fdr COMMANDE --help.");
            ExitCode::from(2)
        }
    })
}

fn main() -> ExitCode {
    let cli = match parse_command_line() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    if let Command::Sample {
        actions,
        indicators,
        theme,
        seed,
        out,
    } = &cli.command
    {
        return sample(*actions, *indicators, *theme, *seed, out);
    }
    let db = cli.db.unwrap_or_else(|| {
        // The default store, moved first from where earlier versions kept it.
        let resolved = fdr_store::location::resolve_default(&(fdr_store::system_clock())());
        if let Some(note) = &resolved.note {
            say_err!("{}: note: {note}", resolved.path.display());
        }
        resolved.path
    });
    // These work on a store that cannot be opened (damaged, newer).
    match &cli.command {
        Command::Backups { dir } => return backups(&db, dir.as_deref()),
        Command::Restore { backup } => return restore(&db, backup),
        _ => {}
    }
    let mut store = match open(&db) {
        Ok(s) => s,
        Err(code) => return code,
    };
    match cli.command {
        Command::List => list(&store),
        Command::Import { files } => import(&mut store, &files),
        Command::Export { target, format, out } => export(&mut store, &target, format, &out),
        Command::Check => check(&mut store),
        Command::Diff { target, from, to, json } => diff(&store, &target, from, to, json),
        Command::Consolidate {
            format,
            out,
            departement,
            statuts,
            sans_modifiees,
            exclure,
        } => {
            let options = fdr_session::ConsolidationOptions {
                departement,
                statuses: statuts.into_iter().map(Into::into).collect(),
                without_edited: sans_modifiees,
                excluded_themes: exclure,
            };
            consolidate(&mut store, format, &options, &out)
        }
        Command::Backup { dir } => {
            let dir = dir.unwrap_or_else(|| fdr_store::backup::backups_dir(&db));
            match store.backup(&dir, "manuelle") {
                Ok(path) => {
                    say!("{}: sauvegarde vérifiée", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    say_err!("{}: error: sauvegarde impossible : {e}", dir.display());
                    ExitCode::from(1)
                }
            }
        }
        Command::Adopt { target } => adopt(&mut store, &target),
        Command::Avis { command } => avis(store, command),
        Command::Sample { .. } | Command::Backups { .. } | Command::Restore { .. } => ExitCode::SUCCESS,
    }
}

fn adopt(store: &mut Store, target: &str) -> ExitCode {
    let done = resolve(store, target).and_then(|id| store.adopt(&id).map(|_| id).map_err(|e| e.to_string()));
    match done {
        Ok(id) => {
            say!("{id}: ce poste est désormais l’auteur de cette feuille de route ; ses révisions continueront depuis la dernière reçue");
            ExitCode::SUCCESS
        }
        Err(message) => {
            say_err!("{target}: error: {message}");
            ExitCode::from(1)
        }
    }
}

fn avis(store: Store, command: AvisCommand) -> ExitCode {
    let mut session = fdr_session::Session::new(store);
    match command {
        AvisCommand::List { target, json } => avis_list(&mut session, &target, json),
        AvisCommand::Export { avis, format, out } => {
            let kind = match format {
                Format::Json => fdr_session::ExportKind::Json,
                Format::Pdf => fdr_session::ExportKind::Pdf,
            };
            match session.export_avis(&avis, kind) {
                Ok(file) => match fdr_core::files::write_atomically(&out, &file.bytes) {
                    Ok(()) => {
                        say!("{}: avis {avis} (révision {} examinée)", out.display(), file.revision);
                        ExitCode::SUCCESS
                    }
                    Err(e) => {
                        say_err!("{}: error: écriture impossible : {e}", out.display());
                        ExitCode::from(1)
                    }
                },
                Err(e) => {
                    say_err!("{avis}: error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        AvisCommand::Answer {
            target,
            avis,
            remark,
            state,
            text,
        } => {
            let state = match state {
                AnswerArg::Addressed => fdr_core::review::AnswerState::Addressed,
                AnswerArg::Declined => fdr_core::review::AnswerState::Declined,
            };
            let done = resolve(session.store(), &target).and_then(|id| {
                session
                    .store()
                    .answer(id.as_str(), &avis, &remark, Some((state, &text)))
                    .map_err(|e| e.to_string())
            });
            match done {
                Ok(()) => {
                    say!(
                        "{target}: réponse enregistrée à la remarque {remark} ({}) ; elle partira avec la prochaine révision exportée",
                        state.label_fr()
                    );
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    say_err!("{target}: error: {message}");
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn avis_list(session: &mut fdr_session::Session, target: &str, json: bool) -> ExitCode {
    let id = match resolve(session.store(), target) {
        Ok(id) => id,
        Err(message) => {
            say_err!("{target}: error: {message}");
            return ExitCode::from(1);
        }
    };
    if json {
        return match session.avis_documents(&id) {
            Ok((avis, answers)) => {
                // The avis exactly as exchanged: their own bytes, not a re-serialisation.
                let docs: Vec<String> = avis
                    .iter()
                    .map(|b| String::from_utf8_lossy(b).trim_end().to_string())
                    .collect();
                let answers = serde_json::to_string_pretty(&answers).expect("answers serialise");
                say!("{{\n\"avis\": [{}],\n\"answers\": {answers}\n}}", docs.join(",\n"));
                ExitCode::SUCCESS
            }
            Err(e) => {
                say_err!("{target}: error: {e}");
                ExitCode::from(1)
            }
        };
    }
    let screen = match session.view(&id) {
        Ok(v) => v.review,
        Err(e) => {
            say_err!("{target}: error: {e}");
            return ExitCode::from(1);
        }
    };
    if screen.avis.is_empty() {
        say!("aucun avis sur cette feuille de route");
    }
    for e in &screen.avis {
        let state = match e.state {
            fdr_store::AvisState::Draft => "brouillon",
            fdr_store::AvisState::Issued => "émis ici",
            fdr_store::AvisState::Received => "reçu",
        };
        say!(
            "{}  {}  révision {}  {}  {}  {} remarque(s){}",
            e.avis.id,
            if e.avis.issued_at.is_empty() {
                "—"
            } else {
                &e.avis.issued_at
            },
            e.avis.roadmap.revision,
            e.avis.decision.label_fr(),
            state,
            e.avis.remarks.len(),
            if e.latest { "  (dernier avis)" } else { "" }
        );
        for r in screen.remarks.iter().filter(|r| r.avis == e.avis.id) {
            let answer = match &r.answer {
                Some(h) => h.answer.state.label_fr().to_string(),
                None => "sans réponse".to_string(),
            };
            say!(
                "  {} [{}] {} — {answer}",
                r.remark.id,
                r.remark.severity.label_fr(),
                r.label
            );
        }
    }
    ExitCode::SUCCESS
}

fn backups(db: &Path, dir: Option<&Path>) -> ExitCode {
    let dir = dir.map_or_else(|| fdr_store::backup::backups_dir(db), Path::to_path_buf);
    match fdr_store::backup::list(&dir) {
        Ok(list) if list.is_empty() => {
            say!("aucune sauvegarde dans {}", dir.display());
            ExitCode::SUCCESS
        }
        Ok(list) => {
            for b in list {
                say!("{}\t{}\t{} octets\t{}", b.taken_at, b.reason, b.size, b.path);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            say_err!("{}: error: {e}", dir.display());
            ExitCode::from(1)
        }
    }
}

fn restore(db: &Path, backup: &Path) -> ExitCode {
    match fdr_store::backup::restore(db, backup, &fdr_store::system_clock()()) {
        Ok(aside) => {
            if let Some(aside) = aside {
                say!("base précédente gardée : {}", aside.display());
            }
            say!("{}: restaurée depuis {}", db.display(), backup.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            say_err!(
                "{}: error: restauration refusée, base inchangée : {e}",
                backup.display()
            );
            ExitCode::from(1)
        }
    }
}

fn sample(actions: usize, indicators: usize, theme: i64, seed: u64, out: &Path) -> ExitCode {
    if actions > fdr_core::validation::MAX_LIST_ITEMS || indicators > fdr_core::validation::MAX_LIST_ITEMS {
        say_err!(
            "error: au plus {} actions et indicateurs",
            fdr_core::validation::MAX_LIST_ITEMS
        );
        return ExitCode::from(2);
    }
    let id = format!("00000000-0000-4000-8000-{:012x}", seed % (1 << 48));
    let roadmap = fdr_core::sample::generate(&id, theme, actions, indicators, seed);
    let bytes = fdr_format::encode(&roadmap, "2026-11-23T10:00:00Z");
    match fdr_core::files::write_atomically(out, &bytes) {
        Ok(()) => {
            say!(
                "{}: feuille de route fictive, {actions} actions, {indicators} indicateurs",
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            say_err!("{}: error: écriture impossible : {e}", out.display());
            ExitCode::from(1)
        }
    }
}

fn list(store: &Store) -> ExitCode {
    match store.list() {
        Ok(rows) => {
            for r in rows {
                let edited = if r.edited { "*" } else { "" };
                say!(
                    "{:>2}  {}  r{}{edited}  {}  {}",
                    r.theme_number,
                    r.id,
                    r.revision,
                    r.status.code(),
                    r.theme_title
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            say_err!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Reads a file to import, refusing oversized files before reading them.
fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("fichier illisible : {e}"))?;
    if !meta.is_file() {
        return Err("ce n’est pas un fichier".into());
    }
    // PDFs may be larger than the JSON they carry; the JSON limit is checked on decoding.
    if meta.len() > fdr_format::pdf::MAX_PDF_BYTES as u64 {
        return Err(fdr_format::pdf::PdfError::TooLarge(meta.len() as usize).to_string());
    }
    std::fs::read(path).map_err(|e| format!("fichier illisible : {e}"))
}

fn import(store: &mut Store, files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    // Answers files taken with their roadmap's JSON are not imported again.
    let mut taken: Vec<PathBuf> = Vec::new();
    for path in files {
        if taken.contains(path) {
            continue;
        }
        let name = path.display();
        let bytes = match read_input(path) {
            Ok(b) => b,
            Err(message) => {
                say_err!("{name}: error: {message}");
                failed = true;
                continue;
            }
        };
        let companion_path = fdr_session::companion_of(path);
        let companion = match &companion_path {
            Some(p) => match read_input(p) {
                Ok(b) => Some(b),
                Err(message) => {
                    say_err!("{}: error: {message}", p.display());
                    failed = true;
                    continue;
                }
            },
            None => None,
        };
        let source = path.file_name().map(|n| n.to_string_lossy().into_owned());
        match store.receive(&bytes, source.as_deref(), companion.as_deref()) {
            Ok(received) => {
                for report in received.roadmaps {
                    let what = match report.outcome {
                        fdr_store::ImportOutcome::Added => "importée (nouvelle feuille de route)".to_string(),
                        fdr_store::ImportOutcome::Updated { previous } => {
                            format!("importée (remplace la révision {previous}, gardée dans l’historique)")
                        }
                        fdr_store::ImportOutcome::AlreadyImported => "déjà importée".to_string(),
                        fdr_store::ImportOutcome::HistoryOnly { current } => {
                            format!(
                                "révision plus ancienne que la révision courante {current} : gardée dans l’historique"
                            )
                        }
                    };
                    say!(
                        "{name}: {what} — thème {}, {}, révision {}",
                        report.theme_number,
                        report.id,
                        report.revision
                    );
                    for w in &report.warnings {
                        say_err!("{name}: warning: {w}");
                    }
                }
                if let Some(a) = received.avis {
                    let what = match a.outcome {
                        fdr_store::AvisOutcome::Added => "avis importé",
                        fdr_store::AvisOutcome::AlreadyImported => "avis déjà importé",
                    };
                    say!(
                        "{name}: {what} — thème {}, {}, révision {}, décision « {} », {} remarque(s) dont {} bloquante(s)",
                        a.theme_number,
                        a.id,
                        a.revision,
                        a.decision.label_fr(),
                        a.remarks,
                        a.blocking
                    );
                    if a.current_revision > a.revision {
                        say_err!(
                            "{name}: warning: porte sur la révision {} ; la feuille de route en est à la révision {}",
                            a.revision,
                            a.current_revision
                        );
                    }
                }
                if let Some(r) = received.answers {
                    let what = match r.outcome {
                        fdr_store::AvisOutcome::Added => "réponses importées",
                        fdr_store::AvisOutcome::AlreadyImported => "réponses déjà importées",
                    };
                    say!("{name}: {what} ({}) avec la révision {}", r.answers, r.revision);
                    for w in &r.warnings {
                        say_err!("{name}: warning: {w}");
                    }
                }
                if let Some(p) = companion_path {
                    taken.push(p);
                }
            }
            Err(StoreError::Refused(e)) => {
                for p in e.problems() {
                    say_err!("{name}: error: {p}");
                }
                failed = true;
            }
            Err(e) => {
                say_err!("{name}: error: {e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes the consolidated PDF, workbook or CSV files of the published
/// revisions `options` include, saying which and why on stderr.
fn consolidate(
    store: &mut Store,
    format: Consolidation,
    options: &fdr_session::ConsolidationOptions,
    out: &Path,
) -> ExitCode {
    let kind = match format {
        Consolidation::Pdf => fdr_session::ConsolidationKind::Pdf,
        Consolidation::Xlsx => fdr_session::ConsolidationKind::Xlsx,
        Consolidation::Csv => fdr_session::ConsolidationKind::Csv,
    };
    let made = match fdr_session::consolidate(store, kind, options) {
        Ok(made) => made,
        Err(e) => {
            say_err!("{}: error: {e}", out.display());
            return ExitCode::from(1);
        }
    };
    say_err!("{}: note: {}", out.display(), made.plan.title);
    for line in made.plan.lines() {
        say_err!("{}: note: {line}", out.display());
    }
    // One file (PDF, XLSX) to `out`; CSV files under their names in the folder `out`.
    let written: Result<Vec<PathBuf>, String> = match format {
        Consolidation::Csv => std::fs::create_dir_all(out)
            .map_err(|e| e.to_string())
            .map(|()| made.files.iter().map(|(name, _)| out.join(name)).collect()),
        _ => Ok(vec![out.to_path_buf()]),
    }
    .and_then(|paths| {
        for (path, (_, bytes)) in paths.iter().zip(&made.files) {
            fdr_core::files::write_atomically(path, bytes).map_err(|e| e.to_string())?;
        }
        Ok(paths)
    });
    match written {
        Ok(paths) => {
            for p in paths {
                say!("{}", p.display());
            }
            match made.included {
                0 => say!("aucune feuille de route incluse : document vide"),
                1 => say!("1 feuille de route consolidée"),
                n => say!("{n} feuilles de route consolidées"),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            say_err!("{}: error: écriture impossible : {e}", out.display());
            ExitCode::from(1)
        }
    }
}

/// Prints the changes between two revisions.
fn diff(store: &Store, target: &str, from: i64, to: i64, json: bool) -> ExitCode {
    let changes = resolve(store, target).and_then(|id| store.diff(&id, from, to).map_err(|e| e.to_string()));
    let changes = match changes {
        Ok(c) => c,
        Err(message) => {
            say_err!("{target}: error: {message}");
            return ExitCode::from(1);
        }
    };
    if json {
        let value = serde_json::json!({ "from": from, "to": to, "changes": changes });
        say!("{}", serde_json::to_string_pretty(&value).expect("changes serialise"));
    } else if changes.is_empty() {
        say!("Aucun changement entre les révisions {from} et {to}.");
    } else {
        let n = changes.len();
        say!(
            "Révision {from} → révision {to} : {n} changement{}",
            if n > 1 { "s" } else { "" }
        );
        for c in &changes {
            say!("{}", c.line());
        }
    }
    ExitCode::SUCCESS
}

/// The id a `THEME_NUMBER|ID` argument designates.
fn resolve(store: &Store, target: &str) -> Result<String, String> {
    match target.parse::<i64>() {
        Ok(theme) => {
            let ids = store.ids_for_theme(theme).map_err(|e| e.to_string())?;
            match ids.as_slice() {
                [] => Err(format!("aucune feuille de route pour le thème {theme}")),
                [id] => Ok(id.clone()),
                several => Err(format!(
                    "le thème {theme} a {} feuilles de route ({}) : désignez-la par son id",
                    several.len(),
                    several.join(", ")
                )),
            }
        }
        Err(_) => Ok(target.to_string()),
    }
}

fn export(store: &mut Store, target: &str, format: Format, out: &Path) -> ExitCode {
    let id = match resolve(store, target) {
        Ok(id) => id,
        Err(message) => {
            say_err!("{target}: error: {message}");
            return ExitCode::from(1);
        }
    };
    match store.export_json(&id, &fdr_store::system_clock()()) {
        Ok(exported) => {
            let bytes = match format {
                Format::Json => exported.bytes.clone(),
                Format::Pdf => match store.roadmap(&id) {
                    Ok(roadmap) => fdr_pdf::roadmap_pdf_with_answers(
                        &roadmap,
                        &exported.bytes,
                        exported.reponses.as_deref(),
                        &exported.exported_at,
                    ),
                    Err(e) => {
                        say_err!("{id}: error: {e}");
                        return ExitCode::from(1);
                    }
                },
            };
            if let Err(e) = fdr_core::files::write_atomically(out, &bytes) {
                say_err!("{}: error: écriture impossible : {e}", out.display());
                return ExitCode::from(1);
            }
            if let (Format::Json, Some(reponses)) = (format, &exported.reponses) {
                let beside = fdr_core::files::answers_beside(out);
                if let Err(e) = fdr_core::files::write_atomically(&beside, reponses) {
                    say_err!("{}: error: écriture impossible : {e}", beside.display());
                    return ExitCode::from(1);
                }
                say!(
                    "{}: réponses aux avis, à envoyer avec la feuille de route",
                    beside.display()
                );
            }
            let open = fdr_session::open_blocking(store, &id).map(|o| o.len()).unwrap_or(0);
            if open > 0 {
                say_err!(
                    "{id}: warning: {open} remarque(s) bloquante(s) du secrétariat sans réponse (fdr avis list {target})"
                );
            }
            for w in &exported.warnings {
                say_err!("{id}: warning: {w}");
            }
            let what = if exported.new_revision {
                "nouvelle révision"
            } else {
                "révision inchangée"
            };
            say!("{}: révision {} ({what})", out.display(), exported.revision);
            ExitCode::SUCCESS
        }
        Err(StoreError::Invalid(problems)) => {
            for p in problems {
                say_err!("{id}: error: {p}");
            }
            ExitCode::from(1)
        }
        Err(e) => {
            say_err!("{id}: error: {e}");
            ExitCode::from(1)
        }
    }
}

fn check(store: &mut Store) -> ExitCode {
    let integrity = match store.integrity_check() {
        Ok(lines) => lines,
        Err(e) => {
            say_err!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let sound = integrity == ["ok"];
    if sound {
        say!("intégrité : ok");
    } else {
        for line in &integrity {
            say_err!("error: intégrité : {line}");
        }
    }
    let rows = match store.list() {
        Ok(rows) => rows,
        Err(e) => {
            say_err!("error: {e}");
            return ExitCode::from(1);
        }
    };
    for r in rows {
        match store.warnings(&r.id) {
            Ok(warnings) => {
                say!(
                    "thème {} ({}) : {} avertissement(s)",
                    r.theme_number,
                    r.id,
                    warnings.len()
                );
                for w in warnings {
                    say!("  {w}");
                }
            }
            Err(e) => {
                say_err!("{}: error: {e}", r.id);
                return ExitCode::from(1);
            }
        }
    }
    if sound {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
