use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::Store;

/// Words that mark a setting as a credential. The API key belongs in the OS
/// keychain; refusing such names keeps a careless caller from writing it here.
const SECRET_WORDS: &[&str] = &[
    "api_key", "apikey", "api-key", "password", "secret", "token",
];

fn check_key(key: &str) -> Result<()> {
    let lower = key.to_ascii_lowercase();
    if key.is_empty() || key.len() > 200 {
        return Err(StoreError::InvalidInput(
            "a setting name must be 1-200 characters".into(),
        ));
    }
    if SECRET_WORDS.iter().any(|w| lower.contains(w)) {
        return Err(StoreError::InvalidInput(format!(
            "setting {key:?} looks like a secret; secrets belong in the OS keychain, not in the database"
        )));
    }
    Ok(())
}

impl Store {
    /// Store a non-secret setting as JSON.
    pub fn set_setting<T: Serialize + ?Sized>(&self, key: &str, value: &T) -> Result<()> {
        check_key(key)?;
        let json = serde_json::to_string(value)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, json],
            )?;
            Ok(())
        })
    }

    pub fn get_setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let raw: Option<String> = self.read(|c| {
            Ok(
                c.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                    r.get(0)
                })
                .optional()?,
            )
        })?;
        raw.map(|s| serde_json::from_str(&s).map_err(StoreError::from))
            .transpose()
    }

    pub fn delete_setting(&self, key: &str) -> Result<bool> {
        self.write(|tx| Ok(tx.execute("DELETE FROM settings WHERE key = ?1", [key])? > 0))
    }

    /// Every setting, for a settings screen or a diagnostics dump.
    pub fn settings(&self) -> Result<BTreeMap<String, serde_json::Value>> {
        self.read(|c| {
            let mut stmt = c.prepare("SELECT key, value FROM settings ORDER BY key")?;
            let rows =
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            let mut out = BTreeMap::new();
            for row in rows {
                let (k, v) = row?;
                out.insert(k, serde_json::from_str(&v)?);
            }
            Ok(out)
        })
    }
}
