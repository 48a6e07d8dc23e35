import { useId } from 'react'

/** A labelled range input with its value written out (large enough to read from the back). */
export const Slider = ({
  label,
  value,
  min,
  max,
  step,
  format,
  onChange,
  disabled,
}: {
  label: string
  value: number
  min: number
  max: number
  step: number
  format: (v: number) => string
  onChange: (v: number) => void
  disabled?: boolean
}) => {
  const id = useId()
  return (
    <div className="slider">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="range" min={min} max={max} step={step} value={value} disabled={disabled} onChange={(e) => onChange(Number(e.target.value))} />
      <output htmlFor={id} className="slider-value">
        {format(value)}
      </output>
    </div>
  )
}

export const ms = (v: number) => `${Math.round(v)} ms`
export const percent = (v: number) => `${Math.round(v * 100)} %`
