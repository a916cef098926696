//! Chinese and Arabic numerals as used in outline markers and counts.

/// Value of a Chinese numeral string such as `一`, `十`, `十二`, `九十九`, `一百零三`, `两千`.
/// Returns `None` for anything that is not a well-formed numeral below 10 000.
pub fn parse_chinese(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let mut total: u32 = 0;
    let mut digit: Option<u32> = None;
    let mut last_unit = u32::MAX;
    for c in s.chars() {
        match c {
            '零' | '〇' => {
                if digit.is_some() {
                    return None;
                }
                digit = None;
            }
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                if unit >= last_unit {
                    return None;
                }
                total += digit.unwrap_or(1) * unit;
                digit = None;
                last_unit = unit;
            }
            _ => {
                let d = digit_value(c)?;
                if digit.is_some() {
                    return None;
                }
                digit = Some(d);
            }
        }
    }
    Some(total + digit.unwrap_or(0))
}

/// Value of one Chinese digit (一 … 九, and 两 for two).
pub fn digit_value(c: char) -> Option<u32> {
    Some(match c {
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Value of a string of ASCII or full-width digits.
pub fn parse_arabic(s: &str) -> Option<u32> {
    let mut v: u32 = 0;
    let mut any = false;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => return None,
        };
        v = v.checked_mul(10)?.checked_add(d)?;
        any = true;
    }
    any.then_some(v)
}

/// Chinese numeral for any number (`1` → `一`, `10` → `十`, `21` → `二十一`, `105` → `一百零五`,
/// `10001` → `一万零一`).
pub fn to_chinese(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n >= 10_000 {
        let (high, low) = (n / 10_000, n % 10_000);
        let mut out = to_chinese(high);
        out.push('万');
        if low > 0 {
            if low < 1000 {
                out.push('零');
            }
            // 十 after 零 is written 一十 (一万零一十).
            let rest = to_chinese(low);
            if (10..20).contains(&low) {
                out.push('一');
            }
            out.push_str(&rest);
        }
        return out;
    }
    if n == 0 {
        return "零".to_owned();
    }
    if n < 10 {
        return D[n as usize].to_owned();
    }
    if n < 20 {
        return format!(
            "十{}",
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        );
    }
    let mut out = String::new();
    let units = [(1000, "千"), (100, "百"), (10, "十")];
    let mut rest = n;
    let mut pending_zero = false;
    for (value, name) in units {
        let d = rest / value;
        rest %= value;
        if d > 0 {
            if pending_zero {
                out.push('零');
                pending_zero = false;
            }
            out.push_str(D[d as usize]);
            out.push_str(name);
        } else if !out.is_empty() {
            pending_zero = true;
        }
    }
    if rest > 0 {
        if pending_zero {
            out.push('零');
        }
        out.push_str(D[rest as usize]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_numbers_never_panic() {
        assert_eq!(to_chinese(10_000), "一万");
        assert_eq!(to_chinese(10_001), "一万零一");
        assert_eq!(to_chinese(10_010), "一万零一十");
        assert_eq!(to_chinese(12_345), "一万二千三百四十五");
        assert!(!to_chinese(u32::MAX).is_empty());
    }

    #[test]
    fn chinese_round_trip() {
        for n in 1..=2000 {
            assert_eq!(
                parse_chinese(&to_chinese(n)),
                Some(n),
                "{n} {}",
                to_chinese(n)
            );
        }
        assert_eq!(to_chinese(99), "九十九");
        assert_eq!(to_chinese(105), "一百零五");
        assert_eq!(parse_chinese("两"), Some(2));
        assert_eq!(parse_chinese("十十"), None);
        assert_eq!(parse_chinese("一二"), None);
    }

    #[test]
    fn arabic() {
        assert_eq!(parse_arabic("12"), Some(12));
        assert_eq!(parse_arabic("１２"), Some(12));
        assert_eq!(parse_arabic("1a"), None);
        assert_eq!(parse_arabic(""), None);
    }
}
