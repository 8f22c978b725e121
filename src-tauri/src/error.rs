use serde::Serialize;

/// What every failed command sends to the UI: a stable code to branch on and a sentence to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub code: String,
    pub message: String,
}

impl AppError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        AppError {
            code: code.into(),
            message: message.into(),
        }
    }
}

impl From<waypoint_config::ConfigError> for AppError {
    fn from(e: waypoint_config::ConfigError) -> Self {
        AppError::new(e.code(), e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_cross_the_wire_as_code_and_message() {
        let e: AppError = waypoint_config::normalise_api_base("ftp://x/")
            .unwrap_err()
            .into();
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "config.invalid_api_base");
        assert!(json["message"].as_str().unwrap().contains("ftp"));
        assert_eq!(json.as_object().unwrap().len(), 2);
    }
}
