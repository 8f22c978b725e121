//! Every failed command reaches the UI as `{code, message}`: one type, defined beside the
//! services so the CLI and the app speak the same codes.

pub use waypoint_services::Problem as AppError;

// Any crate's error converts with `?` or `AppError::from`: the services' `Problem` has one
// blanket conversion from every `HasCode` error.

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

    #[test]
    fn service_errors_keep_their_stable_codes_on_the_wire() {
        let cases: Vec<(waypoint_services::ServiceError, &str)> = vec![
            (
                waypoint_services::ServiceError::InvalidZone(7),
                "input.invalid_zone",
            ),
            (
                waypoint_services::ServiceError::PageOutOfRange { page: 9, pages: 3 },
                "input.page_out_of_range",
            ),
            (waypoint_services::ServiceError::NoKey, "onet.no_key"),
            (
                waypoint_profiler::Answers::parse("12").unwrap_err().into(),
                "input.invalid_answers",
            ),
        ];
        for (err, code) in cases {
            let wire = serde_json::to_value(AppError::from(err)).unwrap();
            assert_eq!(wire["code"], code);
            assert!(!wire["message"].as_str().unwrap().is_empty());
        }
    }
}
