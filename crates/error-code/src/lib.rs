//! The one shape every Waypoint error takes on its way to the UI: `{"code": "store.busy",
//! "message": "…"}` — a stable code to branch on and a sentence a person can read.
//!
//! Each crate keeps its own error type (thiserror, with a `code(&self) -> &'static str`
//! method) and serialises it with one line: `serialize_as_code_and_message!(MyError);`.

#[doc(hidden)]
pub use serde as __serde;

/// Implements `serde::Serialize` for an error type as `{code, message}`, from its
/// `code()` method and its `Display` text.
#[macro_export]
macro_rules! serialize_as_code_and_message {
    ($ty:ty) => {
        impl $crate::__serde::Serialize for $ty {
            fn serialize<S: $crate::__serde::Serializer>(
                &self,
                s: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                use $crate::__serde::ser::SerializeStruct;
                let mut st = s.serialize_struct(stringify!($ty), 2)?;
                st.serialize_field("code", self.code())?;
                st.serialize_field("message", &self.to_string())?;
                st.end()
            }
        }
    };
}

#[cfg(test)]
mod tests {
    #[derive(Debug, thiserror::Error)]
    enum Demo {
        #[error("the pack has {0} occupations, at least 1 is needed")]
        Empty(u32),
    }

    impl Demo {
        fn code(&self) -> &'static str {
            "pack.empty"
        }
    }

    serialize_as_code_and_message!(Demo);

    #[test]
    fn an_error_becomes_its_code_and_its_sentence() {
        assert_eq!(
            serde_json::to_value(Demo::Empty(0)).unwrap(),
            serde_json::json!({
                "code": "pack.empty",
                "message": "the pack has 0 occupations, at least 1 is needed"
            })
        );
    }
}
