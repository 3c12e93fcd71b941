// Colours for chart series and map groups. Each is at least 3:1 against the light page
// background (WCAG 1.4.11 for graphics); groups are never told apart by colour alone: the
// legend and the tables name them.

/** Series colours for charts, in order. */
export const SERIES_COLOURS = ['#1d6b5f', '#2b5fb3', '#b3261e', '#8a3a00', '#6a3d9a', '#5c6b00'];

/** Group colours for the network map; groups beyond the list share the last, "other" grey. */
export const GROUP_COLOURS = ['#1d6b5f', '#2b5fb3', '#b3261e', '#8a3a00', '#6a3d9a', '#a6326e', '#00688b', '#5c6b00', '#7a4f00', '#3d5a80'];
export const OTHER_COLOUR = '#6b7375';
